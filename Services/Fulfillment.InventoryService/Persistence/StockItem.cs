namespace Fulfillment.InventoryService.Persistence;

/// <summary>A row of <c>stock</c>: units of one SKU that can still be reserved, and units held by reservations.</summary>
public sealed class StockItem
{
    public required string Sku { get; set; }

    public required string Warehouse { get; set; }

    public int Available { get; set; }

    public int Reserved { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
