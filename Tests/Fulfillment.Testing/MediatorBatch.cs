using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Persistence;
using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.Testing;

/// <summary>
/// A service's consumers handling several events as one unit of work, the way the consumer host runs a lane's batch
/// (MassTransit's test harness handles one message per transaction and runs no batch preparer): for tests of what
/// a batch preparer decides and locks, and of consumers meeting each other's unsaved work.
/// </summary>
public static class MediatorBatch
{
    /// <summary>
    /// One scope and transaction; <typeparamref name="TPreparer"/> with every event; each event through the scoped
    /// MassTransit mediator, in order; one save; commit. Returns what <paramref name="inspect"/> reads from the scope
    /// (a scoped helper's counters, say) before it ends.
    /// </summary>
    /// <remarks>The provider needs <typeparamref name="TDbContext"/>, the preparer (scoped) and <c>AddMediator</c> with the consumers.</remarks>
    public static async Task<T> HandleAsync<TDbContext, TPreparer, T>(
        IServiceProvider provider, IReadOnlyList<IEventEnvelope> batch, Func<IServiceProvider, T> inspect)
        where TDbContext : DbContext
        where TPreparer : IBatchPreparer
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var mediator = scope.ServiceProvider.GetRequiredService<IScopedMediator>();
        await using var transaction = await db.Database.BeginUnitOfWorkAsync(CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<TPreparer>().PrepareAsync(batch, CancellationToken.None);
        foreach (var envelope in batch)
        {
            await mediator.Send(envelope, envelope.GetType());
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return inspect(scope.ServiceProvider);
    }
}
