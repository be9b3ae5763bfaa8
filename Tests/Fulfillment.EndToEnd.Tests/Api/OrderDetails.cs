namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>query-api's <c>GET /api/orders/{orderId}</c> (the fields the tests read).</summary>
public sealed record OrderDetails(
    string OrderId,
    string Status,
    DateTimeOffset? Eta,
    string? CustomerId,
    decimal? Total,
    string? Currency,
    string? CorrelationId,
    OrderInventory? Inventory,
    OrderPayment? Payment,
    OrderDelivery? Delivery,
    DateTimeOffset? ConfirmedAt,
    OrderInvoice? Invoice,
    IReadOnlyList<NotificationView> Notifications,
    IReadOnlyList<TimelineEntry> Timeline)
{
    public int CountOf(string eventType) => Timeline.Count(e => e.EventType == eventType);
}
