namespace Fulfillment.Messages;

/// <summary>A quantity of one SKU held (or released) by a reservation.</summary>
public sealed record StockLine(string Sku, int Quantity);
