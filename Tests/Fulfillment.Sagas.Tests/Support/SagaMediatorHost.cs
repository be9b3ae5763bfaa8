using Fulfillment.Messages;
using Fulfillment.Sagas.Persistence;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.Sagas.Tests.Support;

/// <summary>
/// The saga as the chassis runs it: MassTransit's mediator with the PostgreSQL repository, a DI scope per record
/// with the service's DbContext registered as <see cref="DbContext"/>, and a transaction around the dispatch.
/// </summary>
public sealed class SagaMediatorHost : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private SagaMediatorHost(ServiceProvider provider) => _provider = provider;

    public IServiceProvider Services => _provider;

    public static SagaMediatorHost Start(string connectionString, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddDbContext<SagaTestDbContext>(options => options.UseNpgsql(connectionString));
        services.AddScoped<DbContext>(provider => provider.GetRequiredService<SagaTestDbContext>());
        services.AddMediator(mediator => mediator.AddSagaStateMachine<OrderStateMachine, OrderState>().UsePostgresRepository());
        return new SagaMediatorHost(services.BuildServiceProvider(validateScopes: true));
    }

    /// <summary>Handles one event in its own committed transaction.</summary>
    public async Task HandleAsync(params IEventEnvelope[] envelopes)
    {
        await using var unit = await BeginAsync();
        foreach (var envelope in envelopes)
        {
            await unit.SendAsync(envelope);
        }

        await unit.CommitAsync();
    }

    /// <summary>A scope with an open transaction, left to the test to commit or roll back.</summary>
    public async Task<HandlingUnit> BeginAsync()
    {
        var scope = _provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        await db.Database.BeginTransactionAsync();
        return new HandlingUnit(scope, db);
    }

    /// <summary>Dispatches without any transaction: the repository has to open and commit its own.</summary>
    public async Task SendWithoutTransactionAsync(IEventEnvelope envelope)
    {
        await using var scope = _provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IScopedMediator>().Send(envelope, envelope.GetType());
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    public sealed class HandlingUnit(AsyncServiceScope scope, DbContext db) : IAsyncDisposable
    {
        public DbContext Db { get; } = db;

        public Task SendAsync(IEventEnvelope envelope) =>
            scope.ServiceProvider.GetRequiredService<IScopedMediator>().Send(envelope, envelope.GetType());

        public async Task CommitAsync()
        {
            await Db.SaveChangesAsync();
            await Db.Database.CommitTransactionAsync();
        }

        public Task RollbackAsync() => Db.Database.RollbackTransactionAsync();

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
