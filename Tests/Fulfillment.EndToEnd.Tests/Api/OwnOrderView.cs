namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>order-service's <c>GET /api/orders/{orderId}</c>: the owner's view (the fields the tests read).</summary>
public sealed record OwnOrderView(
    string OrderId,
    string Status,
    string? CustomerEmail,
    DateTimeOffset? ConfirmedAt,
    DateTimeOffset? OutForDeliveryAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? RejectedAt,
    DateTimeOffset? CancelRequestedAt = null,
    DateTimeOffset? CancelledAt = null,
    DateTimeOffset? DeliveryFailedAt = null,
    DateTimeOffset? RefundedAt = null,
    DateTimeOffset? StockReleasedAt = null);
