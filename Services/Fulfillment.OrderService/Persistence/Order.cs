namespace Fulfillment.OrderService.Persistence;

/// <summary>A row of <c>orders</c>: the order as order-service accepted it.</summary>
public sealed class Order
{
    public Guid OrderId { get; set; }

    public required string CustomerId { get; set; }

    public required string Status { get; set; }

    public required string Currency { get; set; }

    public decimal Total { get; set; }

    public double DeliveryLatitude { get; set; }

    public double DeliveryLongitude { get; set; }

    public required string CorrelationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<OrderItem> Lines { get; set; } = [];
}
