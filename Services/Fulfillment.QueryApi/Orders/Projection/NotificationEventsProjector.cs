using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.QueryApi.Orders.Projection;

/// <summary>
/// Projects <c>raw.notification-events</c> into the timeline only: an email proves nothing about where the order is,
/// and <c>GET /api/orders/{orderId}</c> lists the order's notifications from its timeline.
/// </summary>
public sealed class NotificationEventsProjector(OrderProjection projection) : IConsumer<EventEnvelope<NotificationSent>>
{
    public Task Consume(ConsumeContext<EventEnvelope<NotificationSent>> context) =>
        projection.ApplyAsync(new OrderFacts(context.Message, OrderStatus.Created), context.CancellationToken);
}
