using Fulfillment.DeliveryService.Persistence;
using Fulfillment.Messages;
using Fulfillment.Messaging.Persistence;
using MassTransit;

namespace Fulfillment.DeliveryService.Cancellation;

/// <summary>
/// order.cancelled → the verdict of decision 0019. Before any driver was assigned (no delivery yet, or one waiting for
/// a driver) the cancellation came in time: the delivery is CANCELLED (created if the payment has not been seen, so
/// its payment.authorized finds it and assigns nothing) and delivery.cancelled is emitted, in the same unit of work.
/// Once a driver is assigned, the order delivered or its delivery failed, it came too late: logged, nothing emitted,
/// the order goes on. A repeated cancellation changes nothing.
/// </summary>
public sealed class CancelDelivery(LockedDeliveries deliveries, TimeProvider clock, ILogger<CancelDelivery> logger)
    : IConsumer<EventEnvelope<OrderCancelled>>
{
    /// <summary>The reason of a cancellation that gave none (the contract's sentence for a customer's cancel).</summary>
    private const string DefaultReason = "cancelled by the customer";

    public async Task Consume(ConsumeContext<EventEnvelope<OrderCancelled>> context)
    {
        var cancellation = context.Message;
        var cancellationToken = context.CancellationToken;
        var now = clock.GetUtcNowMicroseconds();

        var delivery = await deliveries.GetAsync(cancellation.OrderId, cancellationToken);
        switch (delivery?.Status)
        {
            case null:
                // Recorded, so the payment.authorized still to come finds the verdict and assigns nothing.
                delivery = deliveries.Create(cancellation, DeliveryStatuses.Cancelled, now);
                break;
            case DeliveryStatuses.WaitingForDriver:
                break;
            case DeliveryStatuses.Cancelled:
                Log.DuplicateCancellation(logger, cancellation.OrderId, cancellation.EventId);
                return;
            default:
                Log.CancellationTooLate(logger, cancellation.OrderId, delivery.DeliveryId, delivery.Status);
                return;
        }

        var reason = string.IsNullOrWhiteSpace(cancellation.Payload.Reason) ? DefaultReason : cancellation.Payload.Reason;
        delivery.Cancel(reason, now);
        await context.Publish(new DeliveryCancelled(reason), cancellationToken);
        Log.DeliveryCancelled(logger, cancellation.OrderId, delivery.DeliveryId, reason);
    }
}
