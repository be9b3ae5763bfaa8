using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Reservations;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Testing;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fulfillment.InventoryService.Tests.Support;

/// <summary>
/// The inventory consumers on MassTransit's in-memory test harness, with their DbContext on a fresh PostgreSQL
/// database, the service's own stock registrations and the catalog seeded the way the service seeds it.
/// </summary>
public sealed class InventoryHarness : HarnessedConsumers<InventoryDbContext>
{
    public const string Warehouse = "WH-TEST";

    private InventoryHarness(ServiceProvider provider, string connectionString)
        : base(provider) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<InventoryHarness> StartAsync(IReadOnlyDictionary<string, int> catalog)
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync("inventory", typeof(InventoryDbContext).Assembly);
        var services = CreateServices(connectionString, x =>
        {
            x.AddConsumer<ReserveStock>();
            x.AddConsumer<ReleaseStock>();
        });
        var configuration = InventoryConfiguration(catalog);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStock(configuration);

        var provider = services.BuildServiceProvider(validateScopes: true);
        await SeedAsync(provider);
        await provider.GetRequiredService<ITestHarness>().Start();
        return new InventoryHarness(provider, connectionString);
    }

    public static IConfiguration InventoryConfiguration(IReadOnlyDictionary<string, int> catalog) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(catalog
                .Select(entry => KeyValuePair.Create($"Inventory:Catalog:{entry.Key}", (string?)entry.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Append(KeyValuePair.Create("Inventory:Warehouse", (string?)Warehouse)))
            .Build();

    /// <summary>Seeds through the registered hosted service, in the lifecycle phase the host runs it in.</summary>
    public static async Task SeedAsync(IServiceProvider provider)
    {
        var seeder = provider.GetServices<IHostedService>().OfType<StockSeeder>().Single();
        await seeder.StartingAsync(CancellationToken.None);
    }

    public Task<StockItem> StockAsync(string sku) =>
        QueryAsync(db => db.Stock.AsNoTracking().SingleAsync(s => s.Sku == sku));

    public Task<Reservation?> ReservationAsync(string orderId) =>
        QueryAsync(db => db.Reservations.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.OrderId == orderId));
}
