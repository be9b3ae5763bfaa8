namespace Fulfillment.Messages;

/// <summary>
/// <c>order.confirmed</c>: stock is reserved and the payment authorized. order-service emits it once per order, the
/// moment its own status becomes <c>CONFIRMED</c>; invoice-service invoices it.
/// <c>customerEmail</c> is carried from order.created.
/// </summary>
public sealed record OrderConfirmed(
    string CustomerId,
    IReadOnlyList<OrderLine> Items,
    decimal Total,
    string Currency,
    string? CustomerEmail = null);
