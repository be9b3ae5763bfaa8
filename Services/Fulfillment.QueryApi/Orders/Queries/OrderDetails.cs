using Fulfillment.Messages;

namespace Fulfillment.QueryApi.Orders.Queries;

/// <summary><c>GET /api/orders/{orderId}</c>: everything the read model knows about one order.</summary>
/// <remarks>
/// Events may overtake order.created, so any part can still be unknown (null): the items until order.created arrives,
/// the payment until a payment event does. What a cancelled or failed order gave back is in <c>inventory.releasedAt</c>,
/// <c>payment.refundedAt</c> and <c>invoice.creditedAt</c>. <c>confirmedAt</c> is order-service's confirmation; <c>notifications</c> are the emails sent, from the timeline. <c>eta</c> repeats the delivery's current ETA at the top for tracking clients.
/// </remarks>
public sealed record OrderDetails(
    string OrderId,
    string Status,
    DateTimeOffset? Eta,
    string? CustomerId,
    IReadOnlyList<OrderLine>? Items,
    decimal? Total,
    string? Currency,
    GeoPoint? DeliveryAddress,
    string? CorrelationId,
    OrderInventory? Inventory,
    OrderPayment? Payment,
    OrderDelivery? Delivery,
    DateTimeOffset? ConfirmedAt,
    OrderInvoice? Invoice,
    OrderCancellation? Cancellation,
    IReadOnlyList<OrderNotification> Notifications,
    DateTimeOffset? CreatedAt,
    DateTimeOffset LastEventAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<TimelineEntry> Timeline);
