namespace Fulfillment.InventoryService.Stock;

public sealed record StockResponse(string Sku, string Warehouse, int Available, int Reserved, DateTimeOffset UpdatedAt);
