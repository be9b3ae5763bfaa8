namespace Fulfillment.Messages;

/// <summary><c>order.created</c>: an order was accepted by order-service. <c>customerEmail</c> is where notification-service writes to, null when the customer gave none.</summary>
public sealed record OrderCreated(
    string CustomerId,
    IReadOnlyList<OrderLine> Items,
    decimal Total,
    string Currency,
    GeoPoint DeliveryAddress,
    string? CustomerEmail = null);
