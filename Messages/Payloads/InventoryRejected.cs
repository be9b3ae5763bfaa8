namespace Fulfillment.Messages;

/// <summary><c>inventory.rejected</c>: the order cannot be reserved; nothing was held.</summary>
public sealed record InventoryRejected(string Reason, IReadOnlyList<StockShortage> Shortages);
