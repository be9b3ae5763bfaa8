using System.Text;
using Fulfillment.DeliveryService.Geo;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.Messages;

namespace Fulfillment.DeliveryService.Assignment;

/// <summary>
/// Nearest-first with a fair tie-break. Drivers are ranked by great-circle distance to the destination, to the metre
/// (closer than a metre is a tie); among ties the driver idle longest goes first (so work spreads over equally placed
/// drivers instead of always landing on the first one listed), and a last tie (same distance, same idle time, as with
/// a freshly seeded pool) is settled by a hash of the seed, the order and the driver: fair across orders, and
/// reproducible for a given seed.
/// </summary>
public static class DriverSelector
{
    public static IReadOnlyList<RankedDriver> Rank(IEnumerable<Driver> freeDrivers, GeoPoint destination, string orderId, int seed) =>
        [.. freeDrivers
            .Select(driver => new RankedDriver(driver, GreatCircle.DistanceKm(driver.Position, destination)))
            .OrderBy(ranked => Metres(ranked.DistanceKm))
            .ThenBy(ranked => ranked.Driver.IdleSince)
            .ThenBy(ranked => TieBreak(seed, orderId, ranked.Driver.DriverId))
            .ThenBy(ranked => ranked.Driver.DriverId, StringComparer.Ordinal)];

    /// <summary>True when the ranking cannot tell the two apart by distance (closer than a metre to each other's).</summary>
    public static bool Ties(RankedDriver first, RankedDriver second) => Metres(first.DistanceKm) == Metres(second.DistanceKm);

    private static double Metres(double distanceKm) => Math.Round(distanceKm * 1000, MidpointRounding.AwayFromZero);

    /// <summary>64-bit FNV-1a: stable across processes and runtimes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong TieBreak(int seed, string orderId, string driverId)
    {
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes($"{seed}|{orderId}|{driverId}"))
        {
            hash = (hash ^ b) * prime;
        }

        return hash;
    }
}
