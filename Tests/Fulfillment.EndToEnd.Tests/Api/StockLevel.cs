namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>inventory-service's <c>GET /api/stock/{sku}</c>.</summary>
public sealed record StockLevel(string Sku, string Warehouse, int Available, int Reserved);
