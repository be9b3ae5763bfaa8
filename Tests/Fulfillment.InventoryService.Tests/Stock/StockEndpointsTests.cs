using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Stock;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fulfillment.InventoryService.Tests.Stock;

[TestFixture]
public sealed class StockEndpointsTests() : InventoryHarnessTest(new Dictionary<string, int> { ["SKU-B"] = 2, ["SKU-A"] = 9 })
{
    [Test]
    public async Task Known_sku_returns_its_levels()
    {
        var result = await Inventory.QueryAsync(db => StockEndpoints.GetAsync("SKU-A", db, CancellationToken.None));

        var stock = ((Ok<StockResponse>)result.Result).Value!;
        Assert.That((stock.Sku, stock.Warehouse, stock.Available, stock.Reserved), Is.EqualTo(("SKU-A", InventoryHarness.Warehouse, 9, 0)));
    }

    [Test]
    public async Task Unknown_sku_is_a_problem_404()
    {
        var result = await Inventory.QueryAsync(db => StockEndpoints.GetAsync("SKU-NOPE", db, CancellationToken.None));

        var problem = result.Result as ProblemHttpResult;
        Assert.That(problem, Is.Not.Null);
        Assert.That(problem!.StatusCode, Is.EqualTo(StatusCodes.Status404NotFound));
    }

    [Test]
    public async Task Listing_is_in_sku_order()
    {
        var result = await Inventory.QueryAsync((InventoryDbContext db) => StockEndpoints.ListAsync(db, CancellationToken.None));

        Assert.That(result.Value!.Select(s => s.Sku), Is.EqualTo(new[] { "SKU-A", "SKU-B" }));
    }
}
