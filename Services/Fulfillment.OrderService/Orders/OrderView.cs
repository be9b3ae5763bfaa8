using Fulfillment.Messages;
using Fulfillment.OrderService.Persistence;

namespace Fulfillment.OrderService.Orders;

/// <summary>The order as order-service holds it (the owner's view; the lifecycle view is query-api's).</summary>
public sealed record OrderView(
    string OrderId,
    string Status,
    string CustomerId,
    IReadOnlyList<OrderLine> Items,
    decimal Total,
    string Currency,
    GeoPoint DeliveryAddress,
    string CorrelationId,
    DateTimeOffset CreatedAt)
{
    public static OrderView From(Order order) => new(
        order.OrderId.ToString(),
        order.Status,
        order.CustomerId,
        [.. order.Lines.OrderBy(l => l.LineNo).Select(l => new OrderLine(l.Sku, l.Quantity, Money.Normalize(l.UnitPrice)))],
        Money.Normalize(order.Total),
        order.Currency,
        new GeoPoint(order.DeliveryLatitude, order.DeliveryLongitude),
        order.CorrelationId,
        order.CreatedAt);
}
