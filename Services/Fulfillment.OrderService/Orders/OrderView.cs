using Fulfillment.Messages;
using Fulfillment.OrderService.Persistence;

namespace Fulfillment.OrderService.Orders;

/// <summary>
/// The order as order-service holds it (the owner's view; the lifecycle view, with every event, is query-api's): what
/// was ordered, its status (PENDING, CONFIRMED, OUT_FOR_DELIVERY, DELIVERED, REJECTED, PAYMENT_FAILED, DELIVERY_FAILED
/// or CANCELLED) and when each step happened, null until it has: createdAt (accepted, PENDING since), stockReservedAt,
/// paymentAuthorizedAt, confirmedAt (both of those), outForDeliveryAt (a driver assigned), deliveredAt, rejectedAt (out
/// of stock), paymentFailedAt (declined), cancelRequestedAt (the customer's cancel accepted, with cancelReason),
/// cancelledAt (delivery-service accepted it), deliveryFailedAt (with deliveryFailureCode and deliveryFailureReason),
/// and what was undone: refundedAt (with refundId), stockReleasedAt. customerEmail is null when the customer gave none.
/// </summary>
public sealed record OrderView(
    string OrderId,
    string Status,
    string CustomerId,
    IReadOnlyList<OrderLine> Items,
    decimal Total,
    string Currency,
    GeoPoint DeliveryAddress,
    string CorrelationId,
    DateTimeOffset CreatedAt,
    string? CustomerEmail,
    DateTimeOffset? StockReservedAt,
    DateTimeOffset? PaymentAuthorizedAt,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? OutForDeliveryAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? RejectedAt,
    DateTimeOffset? PaymentFailedAt,
    DateTimeOffset? CancelRequestedAt,
    string? CancelReason,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? DeliveryFailedAt,
    string? DeliveryFailureCode,
    string? DeliveryFailureReason,
    DateTimeOffset? RefundedAt,
    string? RefundId,
    DateTimeOffset? StockReleasedAt)
{
    public static OrderView From(Order order) => new(
        order.OrderId.ToString(),
        // A row an older build wrote during a rolling deployment: the same state under its new name.
        order.Status == OrderStatuses.LegacyCreated ? OrderStatuses.Pending : order.Status,
        order.CustomerId,
        LinesOf(order),
        Money.Normalize(order.Total),
        order.Currency,
        new GeoPoint(order.DeliveryLatitude, order.DeliveryLongitude),
        order.CorrelationId,
        order.CreatedAt,
        order.CustomerEmail,
        order.StockReservedAt,
        order.PaymentAuthorizedAt,
        order.ConfirmedAt,
        order.OutForDeliveryAt,
        order.DeliveredAt,
        order.RejectedAt,
        order.PaymentFailedAt,
        order.CancelRequestedAt,
        order.CancelReason,
        order.CancelledAt,
        order.DeliveryFailedAt,
        order.DeliveryFailureCode,
        order.DeliveryFailureReason,
        order.RefundedAt,
        order.RefundId,
        order.StockReleasedAt);

    /// <summary>The order's lines in the client's order, prices without trailing zeros (as every answer and event shows them).</summary>
    public static IReadOnlyList<OrderLine> LinesOf(Order order) =>
        [.. order.Lines.OrderBy(l => l.LineNo).Select(l => new OrderLine(l.Sku, l.Quantity, Money.Normalize(l.UnitPrice)))];
}
