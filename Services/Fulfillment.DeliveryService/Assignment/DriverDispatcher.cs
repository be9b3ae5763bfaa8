using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tracking;
using Fulfillment.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fulfillment.DeliveryService.Assignment;

/// <summary>
/// Gives a delivery the best free driver, inside the caller's transaction. Only the chosen driver's row is locked
/// (<c>FOR UPDATE SKIP LOCKED</c>, re-checking that it is still free): an instance assigning another order at the same
/// time just moves on to its next-best driver instead of waiting or double-booking.
/// </summary>
public sealed class DriverDispatcher(DeliveryDbContext db, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    private readonly DeliveryOptions _options = options.Value;

    /// <summary>
    /// Assigns a driver to <paramref name="delivery"/> (status, position, ETA, history row 0) and returns the
    /// delivery.assigned payload, or null when every driver is busy (the delivery is left as it is).
    /// The caller saves.
    /// </summary>
    public async Task<DeliveryAssigned?> TryAssignAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var pool = _options.Drivers.Select(d => d.Id).ToArray();
        await EnsurePoolAsync(cancellationToken);
        var free = await db.Drivers.AsNoTracking()
            .Where(d => d.ActiveDeliveryId == null && pool.Contains(d.DriverId))
            .ToListAsync(cancellationToken);

        foreach (var candidate in DriverSelector.Rank(free, delivery.Destination, delivery.OrderId, _options.Seed))
        {
            var id = candidate.Driver.DriverId;
            var claimed = await db.Drivers
                .FromSql($"SELECT * FROM drivers WHERE driver_id = {id} AND active_delivery_id IS NULL FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
            if (claimed is [var driver])
            {
                return Assign(delivery, driver, candidate.DistanceKm);
            }
        }

        return null;
    }

    private DeliveryAssigned Assign(Delivery delivery, Driver driver, double distanceKm)
    {
        var now = clock.GetUtcNowMicroseconds();
        var eta = now + TravelTime.For(distanceKm, _options.EffectiveSpeedKmh);
        driver.ActiveDeliveryId = delivery.DeliveryId;

        delivery.Status = DeliveryStatuses.EnRoute;
        delivery.DriverId = driver.DriverId;
        delivery.DriverLatitude = driver.Latitude;
        delivery.DriverLongitude = driver.Longitude;
        delivery.DistanceKm = distanceKm;
        delivery.RemainingKm = distanceKm;
        delivery.EstimatedArrival = eta;
        delivery.Sequence = 0;
        delivery.AssignedAt = now;
        delivery.LastUpdateAt = now;

        db.EtaHistory.Add(new EtaHistoryEntry
        {
            DeliveryId = delivery.DeliveryId,
            Sequence = 0,
            DriverLatitude = driver.Latitude,
            DriverLongitude = driver.Longitude,
            RemainingKm = distanceKm,
            EstimatedArrival = eta,
            RecordedAt = now,
        });

        return new DeliveryAssigned(
            delivery.DeliveryId.ToString(), driver.DriverId, driver.Position, delivery.Destination, distanceKm, eta);
    }

    /// <summary>Adds configured drivers missing from the table; existing rows (and their positions) are left alone.</summary>
    private async Task EnsurePoolAsync(CancellationToken cancellationToken)
    {
        var ids = _options.Drivers.Select(d => d.Id).ToArray();
        var latitudes = _options.Drivers.Select(d => d.Latitude).ToArray();
        var longitudes = _options.Drivers.Select(d => d.Longitude).ToArray();
        var now = clock.GetUtcNowMicroseconds();
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO drivers (driver_id, latitude, longitude, idle_since)
            SELECT id, lat, lon, {now} FROM unnest({ids}::text[], {latitudes}::float8[], {longitudes}::float8[]) AS pool (id, lat, lon)
            ON CONFLICT (driver_id) DO NOTHING
            """,
            cancellationToken);
    }
}
