namespace Fulfillment.Messages;

/// <summary><c>order.created</c>: an order was accepted by order-service.</summary>
/// <param name="CustomerEmail">Where notification-service writes to; absent (null) when the customer gave none.</param>
public sealed record OrderCreated(
    string CustomerId,
    IReadOnlyList<OrderLine> Items,
    decimal Total,
    string Currency,
    GeoPoint DeliveryAddress,
    string? CustomerEmail = null);
