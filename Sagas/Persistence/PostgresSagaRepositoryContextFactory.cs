using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fulfillment.Sagas.Persistence;

/// <summary>
/// The order saga's repository, resolved per DI scope: it works in the scope's DbContext, inside the transaction the
/// chassis opened around the record (inbox claim, consumers, saga), so that the saga commits atomically with the rest.
/// </summary>
/// <remarks>
/// Without a current transaction (MassTransit's test harness, a tool) it opens one for the message and commits it.
/// Concurrency is optimistic: an update or insert that loses to another transaction throws
/// <see cref="ConcurrencyException"/>, the chassis rolls the whole record back and handles it again.
/// </remarks>
internal sealed class PostgresSagaRepositoryContextFactory(
    DbContext db,
    ISagaConsumeContextFactory<OrderSagaSession, OrderState> factory,
    OrderSagaBatch? batch = null)
    : ISagaRepositoryContextFactory<OrderState>, ILoadSagaRepositoryContextFactory<OrderState>
{
    // Registered (scoped) by AddOrderSaga for the consumer host's units of work; a host without it gets one per scope.
    private readonly OrderSagaBatch _batch = batch ?? new OrderSagaBatch(db);

    public void Probe(ProbeContext context)
    {
        context.Add("persistence", "postgresql");
        context.Add("table", "order_sagas");
    }

    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<OrderState, T>> next)
        where T : class =>
        WithinTransactionAsync(
            async session =>
            {
                await next.Send(new PostgresSagaRepositoryContext<T>(session, context, factory));
                return true;
            },
            context.CancellationToken);

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<OrderState> query, IPipe<SagaRepositoryQueryContext<OrderState, T>> next)
        where T : class =>
        throw new NotSupportedException("The order saga correlates every event by order id; it has no query-correlated events.");

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<OrderState>, Task<T>> asyncMethod, CancellationToken cancellationToken)
        where T : class =>
        WithinTransactionAsync(session => asyncMethod(new PostgresLoadSagaRepositoryContext(session, cancellationToken)), cancellationToken);

    private async Task<TResult> WithinTransactionAsync<TResult>(
        Func<OrderSagaSession, Task<TResult>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is { } ambient)
        {
            return await work(Session(ambient));
        }

        await using var owned = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work(Session(owned));
        await owned.CommitAsync(cancellationToken);
        return result;
    }

    private OrderSagaSession Session(IDbContextTransaction transaction) =>
        new((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), _batch);
}
