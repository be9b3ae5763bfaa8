namespace Fulfillment.Messages;

/// <summary><c>order.created</c>: an order was accepted by order-service.</summary>
public sealed record OrderCreated(
    string CustomerId,
    IReadOnlyList<OrderLine> Items,
    decimal Total,
    string Currency,
    GeoPoint DeliveryAddress);
