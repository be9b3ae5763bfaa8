using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Reservations;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Messages;
using Fulfillment.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Fulfillment.InventoryService.Tests.Support;

/// <summary>
/// The inventory consumers on the MassTransit mediator, as the consumer host dispatches them, on a fresh seeded
/// database, with what they publish recorded: for tests that run units of work themselves, side by side or as one
/// batch with the batch preparer.
/// </summary>
public sealed class MediatorInventory(ServiceProvider provider, string connectionString, OutcomeRecorder.Outcomes outcomes) : IAsyncDisposable
{
    public ServiceProvider Provider { get; } = provider;

    public string ConnectionString { get; } = connectionString;

    public OutcomeRecorder.Outcomes Outcomes { get; } = outcomes;

    public static async Task<MediatorInventory> StartAsync(IReadOnlyDictionary<string, int> catalog)
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync("inventory", typeof(InventoryDbContext).Assembly);
        var outcomes = new OutcomeRecorder.Outcomes();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(outcomes);
        services.AddDbContext<InventoryDbContext>(options => options.UseNpgsql(
            new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 150 }.ConnectionString));
        services.AddStock(InventoryHarness.InventoryConfiguration(catalog));
        services.AddScoped<InventoryBatchPreparer>();
        services.AddMediator(mediator =>
        {
            mediator.AddConsumer<ReserveStock>();
            mediator.AddConsumer<ReleaseStock>();
            mediator.AddConsumer<OutcomeRecorder>();
        });
        var provider = services.BuildServiceProvider(validateScopes: true);
        await InventoryHarness.SeedAsync(provider);
        return new MediatorInventory(provider, connectionString, outcomes);
    }

    /// <summary>The events as one unit of work, the way the consumer host runs a lane's batch (<see cref="MediatorBatch"/>).</summary>
    /// <returns>The stock locks taken outside SKU order (<see cref="StockLedger.OutOfOrderLocks"/>): zero unless the preparer missed a SKU.</returns>
    public Task<int> HandleBatchAsync(IReadOnlyList<IEventEnvelope> batch) =>
        MediatorBatch.HandleAsync<InventoryDbContext, InventoryBatchPreparer, int>(
            Provider, batch, services => services.GetRequiredService<StockLedger>().OutOfOrderLocks);

    public async Task<T> QueryAsync<T>(Func<InventoryDbContext, Task<T>> query)
    {
        await using var scope = Provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<InventoryDbContext>());
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
