namespace Fulfillment.Messages;

/// <summary>Why one SKU could not be reserved: what was asked for and what was there.</summary>
public sealed record StockShortage(string Sku, int Requested, int Available);
