using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.QueryApi.Orders.Projection;

/// <summary>Projects <c>raw.inventory-events</c>: reservation, rejection and the compensating release.</summary>
public sealed class InventoryEventsProjector(OrderProjection projection) :
    IConsumer<EventEnvelope<InventoryReserved>>,
    IConsumer<EventEnvelope<InventoryRejected>>,
    IConsumer<EventEnvelope<InventoryReleased>>
{
    public Task Consume(ConsumeContext<EventEnvelope<InventoryReserved>> context)
    {
        var reserved = context.Message;
        var reservation = reserved.Payload;
        return projection.ApplyAsync(
            new OrderFacts(reserved, OrderStatus.InventoryReserved)
            {
                ReservationId = reservation.ReservationId,
                Warehouse = reservation.Warehouse,
                CustomerId = reservation.CustomerId,
                Total = reservation.Amount,
                Currency = reservation.Currency,
                DeliveryAddress = reservation.DeliveryAddress,
                InventoryReservedAt = reserved.OccurredAt,
            },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<InventoryRejected>> context)
    {
        var rejected = context.Message;
        return projection.ApplyAsync(
            new OrderFacts(rejected, OrderStatus.InventoryRejected)
            {
                InventoryRejectionReason = rejected.Payload.Reason,
                InventoryRejectedAt = rejected.OccurredAt,
            },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<InventoryReleased>> context)
    {
        // A release proves a reservation existed, nothing more: the failure that caused it has its own event.
        var released = context.Message;
        var release = released.Payload;
        return projection.ApplyAsync(
            new OrderFacts(released, OrderStatus.InventoryReserved)
            {
                ReservationId = release.ReservationId,
                InventoryReleaseReason = release.Reason,
                InventoryReleasedAt = released.OccurredAt,
            },
            context.CancellationToken);
    }
}
