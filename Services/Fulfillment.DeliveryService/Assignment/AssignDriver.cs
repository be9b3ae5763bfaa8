using System.Globalization;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.Messages;
using Fulfillment.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fulfillment.DeliveryService.Assignment;

/// <summary>
/// payment.authorized → one delivery for the order, with the nearest free driver and delivery.assigned; when every
/// driver is busy the delivery waits (WAITING_FOR_DRIVER) and the ticker assigns it, first come first served, as soon
/// as a driver is free (or fails it after <see cref="DeliveryOptions.AssignmentTimeout"/>). An address outside
/// <see cref="DeliveryOptions.ServiceArea"/> gets delivery.failed instead. A second payment.authorized for the same
/// order changes nothing, nor does one for an order cancelled before it (decision 0019: one verdict per order).
/// </summary>
public sealed class AssignDriver(
    DeliveryDbContext db,
    LockedDeliveries deliveries,
    DriverDispatcher dispatcher,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<AssignDriver> logger)
    : IConsumer<EventEnvelope<PaymentAuthorized>>
{
    public async Task Consume(ConsumeContext<EventEnvelope<PaymentAuthorized>> context)
    {
        var payment = context.Message;
        var cancellationToken = context.CancellationToken;

        // Held, so an order.cancelled of the same order handled elsewhere waits for this verdict (or this for its).
        if (await deliveries.GetAsync(payment.OrderId, cancellationToken) is { } existing)
        {
            if (existing.Status == DeliveryStatuses.Cancelled)
            {
                Log.AuthorizedAfterCancellation(logger, payment.OrderId, payment.EventId);
            }
            else
            {
                Log.DuplicateAuthorization(logger, payment.OrderId, payment.EventId);
            }

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
        var delivery = deliveries.Create(payment, DeliveryStatuses.WaitingForDriver, now);
        delivery.DestinationLatitude = address.Latitude;
        delivery.DestinationLongitude = address.Longitude;

        if (options.Value.ServiceArea is { } area && !area.Contains(delivery.RequiredDestination))
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"the address is {area.DistanceKm(delivery.RequiredDestination):F1} km from the centre of the service area, which reaches {area.RadiusKm:0.#} km");
            delivery.Fail(DeliveryFailureCodes.OutsideServiceArea, reason, now);
            await context.Publish(new DeliveryFailed(DeliveryFailureCodes.OutsideServiceArea, reason), cancellationToken);
            Log.DeliveryFailed(logger, payment.OrderId, DeliveryFailureCodes.OutsideServiceArea, reason);
            return;
        }

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
