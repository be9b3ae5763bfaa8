using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Stock;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Fulfillment.InventoryService.Tests.Support.Envelopes;

namespace Fulfillment.InventoryService.Tests.Stock;

[TestFixture]
public sealed class StockSeederTests
{
    [Test]
    public async Task Seeding_adds_the_catalog_to_an_empty_database()
    {
        await using var inventory = await InventoryHarness.StartAsync(new Dictionary<string, int> { ["SKU-A"] = 7, ["SKU-B"] = 0 });

        var a = await inventory.StockAsync("SKU-A");
        var b = await inventory.StockAsync("SKU-B");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((a.Available, a.Reserved, a.Warehouse), Is.EqualTo((7, 0, InventoryHarness.Warehouse)));
            Assert.That(b.Available, Is.Zero);
        }
    }

    [Test]
    public async Task Seeding_again_adds_only_missing_skus_and_keeps_consumed_stock()
    {
        await using var inventory = await InventoryHarness.StartAsync(new Dictionary<string, int> { ["SKU-A"] = 10 });
        await inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 4)));

        // A restart with a catalog that gained a SKU: the same database, a new host.
        var restarted = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddDbContext<InventoryDbContext>(options => options.UseNpgsql(inventory.ConnectionString));
        restarted.AddStock(InventoryHarness.InventoryConfiguration(new Dictionary<string, int> { ["SKU-A"] = 10, ["SKU-NEW"] = 5 }));
        await using (var provider = restarted.BuildServiceProvider())
        {
            await InventoryHarness.SeedAsync(provider);
        }

        var a = await inventory.StockAsync("SKU-A");
        var added = await inventory.StockAsync("SKU-NEW");
        using (Assert.EnterMultipleScope())
        {
            Assert.That((a.Available, a.Reserved), Is.EqualTo((6, 4)), "consumed stock was reset");
            Assert.That(added.Available, Is.EqualTo(5));
        }
    }
}
