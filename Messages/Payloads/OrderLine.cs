namespace Fulfillment.Messages;

/// <summary>One line of an order: money as an exact decimal in the order's currency.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);
