using System.Diagnostics;
using System.Globalization;
using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Geo;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.Messages;
using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Fulfillment.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fulfillment.DeliveryService.Tracking;

/// <summary>
/// One tick, one transaction: every delivery on the road whose last update is at least EtaInterval old moves toward
/// its destination by speed × elapsed time, gets a history row and an eta.updated; one that arrives also gets
/// delivery.completed and frees its driver; deliveries that waited for a driver longer than the assignment timeout
/// get delivery.failed; then the deliveries still waiting are assigned, oldest first.
/// Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several instances can tick at once without moving a
/// driver twice or giving a delivery two verdicts, and a delivery a consumer holds (an order.cancelled being
/// decided) is left to the consumer and looked at again by the next tick.
/// </summary>
public sealed class DeliveryTracker(
    DeliveryDbContext db,
    DriverDispatcher dispatcher,
    IEventOutbox outbox,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryTracker> logger)
{
    /// <summary>Closer than this counts as arrived: floating point never quite reaches zero.</summary>
    private const double ArrivalToleranceKm = 0.001;

    private readonly DeliveryOptions _options = options.Value;

    public async Task<TickResult> TickAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginUnitOfWorkAsync(cancellationToken);
        var now = clock.GetUtcNowMicroseconds();
        var dueBefore = now - _options.EtaInterval;
        var limit = _options.MaxDeliveriesPerTick;

        // Limits are written into the statements, not bound: a generic plan cannot know a bound limit, assumes a tenth
        // of the table and scans every delivery ever made instead of walking the partial index.
        var onTheRoad = await db.Deliveries
            .FromSqlRaw(
                string.Create(CultureInfo.InvariantCulture, $$"""
                    SELECT * FROM deliveries
                    WHERE status = 'EN_ROUTE' AND last_update_at <= {0}
                    ORDER BY last_update_at
                    LIMIT {{limit}}
                    FOR UPDATE SKIP LOCKED
                    """),
                dueBefore)
            .ToListAsync(cancellationToken);

        var driverIds = onTheRoad.Select(d => d.DriverId).OfType<string>().ToArray();
        var drivers = await db.Drivers.Where(d => driverIds.Contains(d.DriverId)).ToDictionaryAsync(d => d.DriverId, cancellationToken);
        var completed = onTheRoad.Count(delivery => Advance(delivery, drivers[delivery.DriverId!], now));
        var expired = await ExpireWaitingAsync(now - _options.EffectiveAssignmentTimeout, limit, now, cancellationToken);

        // Freed drivers must be visible to the assignment queries below, and expired deliveries no longer waiting.
        await db.SaveChangesAsync(cancellationToken);
        var assigned = await AssignWaitingAsync(limit, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TickResult(onTheRoad.Count, completed, assigned, expired);
    }

    /// <summary>
    /// Fails the deliveries that have waited for a driver since <paramref name="createdBefore"/> or longer, oldest first,
    /// at most <paramref name="limit"/> per tick (the rest are next). Before the assignments: a delivery past its time is
    /// not given a driver that came free in the same tick.
    /// </summary>
    private async Task<int> ExpireWaitingAsync(DateTimeOffset createdBefore, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await db.Deliveries
            .FromSqlRaw(
                string.Create(CultureInfo.InvariantCulture, $$"""
                    SELECT * FROM deliveries
                    WHERE status = 'WAITING_FOR_DRIVER' AND created_at <= {0}
                    ORDER BY created_at, delivery_id
                    LIMIT {{limit}}
                    FOR UPDATE SKIP LOCKED
                    """),
                createdBefore)
            .ToListAsync(cancellationToken);

        var reason = string.Create(CultureInfo.InvariantCulture, $"no driver was free within {_options.AssignmentTimeout:c}");
        foreach (var delivery in expired)
        {
            using var activity = ChassisTelemetry.Start("delivery expire", ActivityKind.Internal, delivery.TraceParent);
            delivery.Fail(DeliveryFailureCodes.NoDriverInTime, reason, now);
            outbox.Add(delivery.OrderId, new DeliveryFailed(DeliveryFailureCodes.NoDriverInTime, reason),
                delivery.CorrelationId, delivery.CausationId);
            Log.DeliveryFailed(logger, delivery.OrderId, DeliveryFailureCodes.NoDriverInTime, reason);
        }

        return expired.Count;
    }

    /// <summary>Moves the driver; true when it arrived.</summary>
    private bool Advance(Delivery delivery, Driver driver, DateTimeOffset now)
    {
        // The events below continue the order's trace (captured when the delivery was created).
        using var activity = ChassisTelemetry.Start("delivery advance", ActivityKind.Internal, delivery.TraceParent);
        var speed = _options.EffectiveSpeedKmh;
        var lastUpdate = delivery.LastUpdateAt ?? now;
        var remaining = delivery.RemainingKm ?? 0;
        var destination = delivery.RequiredDestination;
        var position = delivery.DriverPosition ?? destination;
        var step = TravelTime.DistanceKm(now - lastUpdate, speed);
        var sequence = delivery.Sequence + 1;
        var driverId = delivery.DriverId!;
        var deliveryId = delivery.DeliveryId.ToString();

        if (step >= remaining - ArrivalToleranceKm)
        {
            // The arrival happened between ticks: date it when it happened, not when the tick noticed.
            var arrivedAt = lastUpdate + TravelTime.For(remaining, speed);
            Record(delivery, sequence, destination, 0, arrivedAt, now);
            outbox.Add(delivery.OrderId, new EtaUpdated(deliveryId, driverId, sequence, destination, 0, arrivedAt),
                delivery.CorrelationId, delivery.CausationId);
            outbox.Add(delivery.OrderId, new DeliveryCompleted(deliveryId, driverId, arrivedAt),
                delivery.CorrelationId, delivery.CausationId);
            delivery.Status = DeliveryStatuses.Delivered;
            delivery.DeliveredAt = arrivedAt;

            driver.ActiveDeliveryId = null;
            driver.Latitude = destination.Latitude;
            driver.Longitude = destination.Longitude;
            driver.IdleSince = arrivedAt;
            driver.DeliveriesCompleted++;
            Log.DeliveryCompleted(logger, delivery.OrderId, driverId, arrivedAt);
            return true;
        }

        var next = GreatCircle.Interpolate(position, destination, step / remaining);
        var left = remaining - step;
        var eta = now + TravelTime.For(left, speed);
        Record(delivery, sequence, next, left, eta, now);
        outbox.Add(delivery.OrderId, new EtaUpdated(deliveryId, driverId, sequence, next, left, eta),
            delivery.CorrelationId, delivery.CausationId);
        return false;
    }

    private void Record(Delivery delivery, int sequence, GeoPoint position, double remainingKm, DateTimeOffset eta, DateTimeOffset now)
    {
        delivery.Sequence = sequence;
        delivery.DriverLatitude = position.Latitude;
        delivery.DriverLongitude = position.Longitude;
        delivery.RemainingKm = remainingKm;
        delivery.EstimatedArrival = eta;
        delivery.LastUpdateAt = now;
        db.EtaHistory.Add(new EtaHistoryEntry
        {
            DeliveryId = delivery.DeliveryId,
            Sequence = sequence,
            DriverLatitude = position.Latitude,
            DriverLongitude = position.Longitude,
            RemainingKm = remainingKm,
            EstimatedArrival = eta,
            RecordedAt = now,
        });
    }

    private async Task<int> AssignWaitingAsync(int limit, CancellationToken cancellationToken)
    {
        var waiting = await db.Deliveries
            .FromSqlRaw(string.Create(CultureInfo.InvariantCulture, $$"""
                SELECT * FROM deliveries
                WHERE status = 'WAITING_FOR_DRIVER'
                ORDER BY created_at, delivery_id
                LIMIT {{limit}}
                FOR UPDATE SKIP LOCKED
                """))
            .ToListAsync(cancellationToken);

        var assigned = 0;
        foreach (var delivery in waiting)
        {
            using var activity = ChassisTelemetry.Start("delivery assign", ActivityKind.Internal, delivery.TraceParent);
            if (await dispatcher.TryAssignAsync(delivery, cancellationToken) is not { } assignment)
            {
                // Nobody free: the rest keep their place in the queue until a driver is.
                break;
            }

            outbox.Add(delivery.OrderId, assignment, delivery.CorrelationId, delivery.CausationId);
            assigned++;
            Log.DriverAssigned(logger, delivery.OrderId, assignment.DriverId, assignment.DistanceKm, assignment.EstimatedArrival);
        }

        return assigned;
    }

}
