using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.QueryApi.Orders.Projection;

/// <summary>Projects <c>raw.delivery-events</c>: the driver, the moving ETA and the hand-over, or the verdict that ends the order without one.</summary>
public sealed class DeliveryEventsProjector(OrderProjection projection) :
    IConsumer<EventEnvelope<DeliveryAssigned>>,
    IConsumer<EventEnvelope<EtaUpdated>>,
    IConsumer<EventEnvelope<DeliveryCompleted>>,
    IConsumer<EventEnvelope<DeliveryCancelled>>,
    IConsumer<EventEnvelope<DeliveryFailed>>
{
    /// <summary>The sequence of the ETA delivery.assigned carries: any eta.updated (1, 2, ...) supersedes it.</summary>
    private const int AssignedEtaSequence = 0;

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryAssigned>> context)
    {
        var assigned = context.Message;
        var delivery = assigned.Payload;
        return projection.ApplyAsync(
            new OrderFacts(assigned, OrderStatus.DeliveryAssigned)
            {
                DeliveryId = delivery.DeliveryId,
                DriverId = delivery.DriverId,
                DeliveryAddress = delivery.Destination,
                Eta = delivery.EstimatedArrival,
                EtaSequence = AssignedEtaSequence,
                DriverPosition = delivery.DriverPosition,
                RemainingKm = delivery.DistanceKm,
                DeliveryAssignedAt = assigned.OccurredAt,
            },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<EtaUpdated>> context)
    {
        // An ETA exists only for an assigned delivery, so it proves DELIVERY_ASSIGNED even when it overtakes it.
        var updated = context.Message;
        var eta = updated.Payload;
        return projection.ApplyAsync(
            new OrderFacts(updated, OrderStatus.DeliveryAssigned)
            {
                DeliveryId = eta.DeliveryId,
                DriverId = eta.DriverId,
                Eta = eta.EstimatedArrival,
                EtaSequence = eta.Sequence,
                DriverPosition = eta.DriverPosition,
                RemainingKm = eta.RemainingKm,
            },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryCompleted>> context)
    {
        var completed = context.Message;
        var delivery = completed.Payload;
        return projection.ApplyAsync(
            new OrderFacts(completed, OrderStatus.Delivered)
            {
                DeliveryId = delivery.DeliveryId,
                DriverId = delivery.DriverId,
                DeliveredAt = delivery.DeliveredAt,
            },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryCancelled>> context)
    {
        var cancelled = context.Message;
        return projection.ApplyAsync(
            new OrderFacts(cancelled, OrderStatus.Cancelled) { CancelledAt = cancelled.OccurredAt, CancelReason = cancelled.Payload.Reason },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryFailed>> context)
    {
        var failed = context.Message;
        return projection.ApplyAsync(
            new OrderFacts(failed, OrderStatus.DeliveryFailed)
            {
                DeliveryFailedAt = failed.OccurredAt,
                DeliveryFailureCode = failed.Payload.Code,
                DeliveryFailureReason = failed.Payload.Reason,
            },
            context.CancellationToken);
    }
}
