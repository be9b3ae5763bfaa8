using System.Globalization;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tracking;
using Fulfillment.Messages;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fulfillment.DeliveryService.Assignment;

/// <summary>
/// Gives a delivery the best free driver, inside the caller's transaction. The nearest free drivers come from the
/// GiST index on the drivers' positions (a bounded read, whatever the fleet's size) and are ranked by
/// <see cref="DriverSelector"/>; only the chosen driver's row is locked (<c>FOR UPDATE SKIP LOCKED</c>, re-checking
/// that it is still free): an instance assigning another order at the same time just moves on to its next-best
/// driver instead of waiting or double-booking.
/// </summary>
public sealed class DriverDispatcher(DeliveryDbContext db, DriverPool pool, IOptions<DeliveryOptions> options, TimeProvider clock)
{
    /// <summary>Nearest free drivers read per attempt: enough for the ranking's tie-breaks, a bounded read.</summary>
    internal const int Candidates = 16;

    private readonly DeliveryOptions _options = options.Value;

    /// <summary>
    /// Drivers this unit of work has given a delivery: saved with the unit of work, so still free in the table until
    /// then, and locked by this very transaction (which <c>SKIP LOCKED</c> does not skip).
    /// </summary>
    private readonly HashSet<string> _claimed = new(StringComparer.Ordinal);

    /// <summary>
    /// Assigns a driver to <paramref name="delivery"/> (status, position, ETA, history row 0) and returns the
    /// delivery.assigned payload, or null when every driver is busy (the delivery is left as it is).
    /// The caller saves.
    /// </summary>
    public async Task<DeliveryAssigned?> TryAssignAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        await pool.EnsureSynchronisedAsync(cancellationToken);
        var destination = delivery.RequiredDestination;
        var tried = new List<string>(_claimed);
        var limit = Candidates;
        while (true)
        {
            var nearest = await NearestFreeAsync(destination, tried, limit, cancellationToken);
            if (nearest.Count == 0)
            {
                return null;
            }

            var ranked = DriverSelector.Rank(nearest, destination, delivery.OrderId, _options.Seed);
            if (nearest.Count == limit && DriverSelector.Ties(ranked[0], ranked[^1]))
            {
                // More drivers may stand as near as the best one than were read: read wider, so the tie-breaks
                // (longest idle, then the seeded hash) see all of them.
                limit *= 4;
                continue;
            }

            foreach (var candidate in ranked)
            {
                var id = candidate.Driver.DriverId;
                var claimed = await db.Drivers
                    .FromSql($"SELECT * FROM drivers WHERE driver_id = {id} AND active_delivery_id IS NULL FOR UPDATE SKIP LOCKED")
                    .ToListAsync(cancellationToken);
                if (claimed is [{ ActiveDeliveryId: null } driver])
                {
                    _claimed.Add(id);
                    return Assign(delivery, driver, candidate.DistanceKm);
                }

                tried.Add(id);
            }
        }
    }

    /// <summary>Up to <paramref name="limit"/> free pool drivers nearest <paramref name="destination"/>, by index.</summary>
    private Task<List<Driver>> NearestFreeAsync(GeoPoint destination, List<string> excluded, int limit, CancellationToken cancellationToken)
    {
        // The limit is written into the statement, not bound: a prepared statement's generic plan cannot know a
        // parameter's limit and estimates a tenth of the table, for which a full scan and sort beats the index.
        // It is an int the dispatcher computes, never input.
        var sql = string.Create(CultureInfo.InvariantCulture, $$"""
            SELECT * FROM drivers
            WHERE active_delivery_id IS NULL AND in_pool AND NOT (driver_id = ANY({0}))
            ORDER BY position <-> unit_sphere({1}, {2})
            LIMIT {{limit}}
            """);
        return db.Drivers
            .FromSqlRaw(sql, excluded.ToArray(), destination.Latitude, destination.Longitude)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
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
            delivery.DeliveryId.ToString(), driver.DriverId, driver.Position, delivery.RequiredDestination, distanceKm, eta);
    }
}
