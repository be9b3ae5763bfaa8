using Fulfillment.DeliveryService.Persistence;
using Fulfillment.Messages;
using Fulfillment.Messaging.Persistence;
using Fulfillment.Messaging.Telemetry;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.DeliveryService.Assignment;

/// <summary>
/// payment.authorized → one delivery for the order, with the nearest free driver and delivery.assigned; when every
/// driver is busy the delivery waits (WAITING_FOR_DRIVER) and the ticker assigns it, first come first served, as soon
/// as a driver is free. A second payment.authorized for the same order changes nothing.
/// </summary>
public sealed class AssignDriver(
    DeliveryDbContext db, DriverDispatcher dispatcher, TimeProvider clock, ILogger<AssignDriver> logger)
    : IConsumer<EventEnvelope<PaymentAuthorized>>
{
    public async Task Consume(ConsumeContext<EventEnvelope<PaymentAuthorized>> context)
    {
        var payment = context.Message;
        var cancellationToken = context.CancellationToken;

        // The unit of work saves once for its whole batch: deliveries created earlier in it are only in memory yet.
        if (db.Deliveries.Local.Any(d => d.OrderId == payment.OrderId)
            || await db.Deliveries.AnyAsync(d => d.OrderId == payment.OrderId, cancellationToken))
        {
            Log.DuplicateAuthorization(logger, payment.OrderId, payment.EventId);
            return;
        }

        var address = payment.Payload.DeliveryAddress;
        if (address is null
            || !double.IsFinite(address.Latitude) || Math.Abs(address.Latitude) > 90
            || !double.IsFinite(address.Longitude) || Math.Abs(address.Longitude) > 180)
        {
            // No retry can fix the event: fail it, so the chassis dead-letters it with this reason.
            throw new InvalidOperationException(
                $"payment.authorized {payment.EventId} for order {payment.OrderId} has no valid delivery address.");
        }

        var now = clock.GetUtcNowMicroseconds();
        var delivery = new Delivery
        {
            DeliveryId = Guid.CreateVersion7(now),
            OrderId = payment.OrderId,
            Status = DeliveryStatuses.WaitingForDriver,
            DestinationLatitude = address.Latitude,
            DestinationLongitude = address.Longitude,
            CorrelationId = payment.CorrelationId,
            CausationId = payment.EventId.ToString(),
            TraceParent = ChassisTelemetry.CurrentTraceParent(),
            CreatedAt = now,
        };
        db.Deliveries.Add(delivery);

        // Orders already waiting keep their place: a new one does not jump the queue.
        var queued = db.Deliveries.Local.Any(d => d.Status == DeliveryStatuses.WaitingForDriver && d != delivery)
            || await db.Deliveries.AnyAsync(d => d.Status == DeliveryStatuses.WaitingForDriver, cancellationToken);
        var assigned = queued ? null : await dispatcher.TryAssignAsync(delivery, cancellationToken);
        if (assigned is null)
        {
            Log.WaitingForDriver(logger, payment.OrderId, delivery.DeliveryId);
        }
        else
        {
            await context.Publish(assigned, cancellationToken);
            Log.DriverAssigned(logger, payment.OrderId, assigned.DriverId, assigned.DistanceKm, assigned.EstimatedArrival);
        }
    }
}
