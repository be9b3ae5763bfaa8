using MassTransit.Middleware;
using MassTransit.Saga;

namespace Fulfillment.Sagas.Persistence;

/// <summary>Loading a saga by id outside message handling (MassTransit's <c>ILoadSagaRepository</c>).</summary>
internal sealed class PostgresLoadSagaRepositoryContext(OrderSagaSession session, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<OrderState>
{
    public async Task<OrderState> Load(Guid correlationId) =>
        (await session.LoadAsync(correlationId, CancellationToken))!;
}
