using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Reservations;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NUnit.Framework;

namespace Fulfillment.InventoryService.Tests.Support;

/// <summary>
/// The inventory consumers on MassTransit's in-memory test harness, with their DbContext on a fresh PostgreSQL
/// database, the service's own stock registrations and the catalog seeded the way the service seeds it.
/// </summary>
public sealed class InventoryHarness : IAsyncDisposable
{
    public const string Warehouse = "WH-TEST";

    private static readonly CancellationToken AlreadyCancelled = new(canceled: true);

    private readonly ServiceProvider _provider;

    private InventoryHarness(ServiceProvider provider, ITestHarness harness, string connectionString)
    {
        _provider = provider;
        Harness = harness;
        ConnectionString = connectionString;
    }

    public ITestHarness Harness { get; }

    public string ConnectionString { get; }

    public IServiceProvider Services => _provider;

    public static async Task<InventoryHarness> StartAsync(IReadOnlyDictionary<string, int> catalog)
    {
        var connectionString = await TestDatabase.CreateAsync();
        var services = new ServiceCollection();
        var configuration = InventoryConfiguration(catalog);
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<InventoryDbContext>(options => options.UseNpgsql(connectionString));
        services.AddStock(configuration);
        services.AddMassTransitTestHarness(x =>
        {
            // A bound, not a wait: the first consume of each kind compiles EF queries, slow on a busy 2-core machine.
            x.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(60), testInactivityTimeout: TimeSpan.FromSeconds(30));
            x.AddChassisUnitOfWork<InventoryDbContext>();
            x.AddConsumer<ReserveStock>();
            x.AddConsumer<ReleaseStock>();
        });

        var provider = services.BuildServiceProvider(validateScopes: true);
        await SeedAsync(provider);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new InventoryHarness(provider, harness, connectionString);
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

    /// <summary>Publishes an event and waits until the consumer has finished with it, successfully or not.</summary>
    public async Task<IReceivedMessage<EventEnvelope<TPayload>>> ConsumeAsync<TPayload>(EventEnvelope<TPayload> envelope)
        where TPayload : class
    {
        await Harness.Bus.Publish(envelope);
        var consumed = Harness.Consumed
            .SelectAsync<EventEnvelope<TPayload>>(m => m.Context.Message.EventId == envelope.EventId);
        var message = await consumed.FirstOrDefault();
        Assert.That(message, Is.Not.Null, $"{envelope.EventType} {envelope.EventId} was not consumed in time");
        return message!;
    }

    /// <summary>Consumes and fails the test if the consumer threw.</summary>
    public async Task ConsumeSuccessfullyAsync<TPayload>(EventEnvelope<TPayload> envelope)
        where TPayload : class
    {
        var message = await ConsumeAsync(envelope);
        Assert.That(message.Exception, Is.Null, () => $"consumer failed: {message.Exception}");
    }

    /// <summary>
    /// What was published so far, without waiting: every consume this test awaited is complete, so its events are in.
    /// (Select without a cancelled token would wait for the harness' inactivity timeout.)
    /// </summary>
    public List<T> Published<T>()
        where T : class =>
        [.. Harness.Published.Select<T>(AlreadyCancelled).Select(m => m.Context.Message)];

    public async Task<T> QueryAsync<T>(Func<InventoryDbContext, Task<T>> query)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<InventoryDbContext>());
    }

    public Task<StockItem> StockAsync(string sku) =>
        QueryAsync(db => db.Stock.AsNoTracking().SingleAsync(s => s.Sku == sku));

    public Task<Reservation?> ReservationAsync(string orderId) =>
        QueryAsync(db => db.Reservations.AsNoTracking().Include(r => r.Lines).SingleOrDefaultAsync(r => r.OrderId == orderId));

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
