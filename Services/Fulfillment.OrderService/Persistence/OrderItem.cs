namespace Fulfillment.OrderService.Persistence;

/// <summary>A row of <c>order_lines</c>; <see cref="LineNo"/> keeps the client's line order.</summary>
public sealed class OrderItem
{
    public Guid OrderId { get; set; }

    public int LineNo { get; set; }

    public required string Sku { get; set; }

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }
}
