using Fulfillment.InventoryService.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InventoryService.Stock;

/// <summary>Read-only inspection of stock levels.</summary>
public static class StockEndpoints
{
    public static IEndpointRouteBuilder MapStockEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/stock").WithTags("Stock");
        group.MapGet("/", ListAsync)
            .WithName("ListStock")
            .WithSummary("List stock levels")
            .WithDescription("Every SKU the warehouse keeps, by SKU: units available to reserve and units reserved by orders in flight.");
        group.MapGet("/{sku}", GetAsync)
            .WithName("GetStock")
            .WithSummary("Get one SKU's stock")
            .WithDescription("Units available and reserved for the SKU.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    public static async Task<Ok<List<StockResponse>>> ListAsync(InventoryDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Stock
            .AsNoTracking()
            .OrderBy(s => s.Sku)
            .Select(s => new StockResponse(s.Sku, s.Warehouse, s.Available, s.Reserved, s.UpdatedAt))
            .ToListAsync(cancellationToken));

    public static async Task<Results<Ok<StockResponse>, ProblemHttpResult>> GetAsync(
        string sku, InventoryDbContext db, CancellationToken cancellationToken)
    {
        var stock = await db.Stock
            .AsNoTracking()
            .Where(s => s.Sku == sku)
            .Select(s => new StockResponse(s.Sku, s.Warehouse, s.Available, s.Reserved, s.UpdatedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return stock is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown SKU", detail: $"No stock is kept for SKU '{sku}'.")
            : TypedResults.Ok(stock);
    }
}
