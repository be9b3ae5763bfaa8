using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.QueryApi.Orders.Projection;

/// <summary>Projects <c>raw.order-events</c>: the order's own facts.</summary>
public sealed class OrderEventsProjector(OrderProjection projection) :
    IConsumer<EventEnvelope<OrderCreated>>,
    IConsumer<EventEnvelope<OrderConfirmed>>,
    IConsumer<EventEnvelope<OrderCancelled>>
{
    public Task Consume(ConsumeContext<EventEnvelope<OrderCreated>> context)
    {
        var created = context.Message;
        var order = created.Payload;
        return projection.ApplyAsync(
            new OrderFacts(created, OrderStatus.Created)
            {
                IsOrderSource = true,
                CustomerId = order.CustomerId,
                Items = order.Items,
                Total = order.Total,
                Currency = order.Currency,
                DeliveryAddress = order.DeliveryAddress,
                CreatedAt = created.OccurredAt,
            },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<OrderConfirmed>> context)
    {
        // order-service confirms only once stock and payment are both secured, so it proves PAYMENT_AUTHORIZED.
        var confirmed = context.Message;
        var order = confirmed.Payload;
        return projection.ApplyAsync(
            new OrderFacts(confirmed, OrderStatus.PaymentAuthorized)
            {
                CustomerId = order.CustomerId,
                Items = order.Items,
                Total = order.Total,
                Currency = order.Currency,
                ConfirmedAt = confirmed.OccurredAt,
            },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<OrderCancelled>> context)
    {
        // A request, not an outcome (decision 0019): delivery-service's verdict is what ends the order.
        var cancelled = context.Message;
        return projection.ApplyAsync(
            new OrderFacts(cancelled, OrderStatus.Created)
            {
                CustomerId = cancelled.Payload.CustomerId,
                CancelRequestedAt = cancelled.OccurredAt,
                CancelReason = cancelled.Payload.Reason,
            },
            context.CancellationToken);
    }
}
