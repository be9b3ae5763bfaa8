using MassTransit;
using MassTransit.Context;
using MassTransit.Logging;
using MassTransit.Saga;

namespace Fulfillment.Sagas.Persistence;

/// <summary>What MassTransit's saga pipe asks of the repository while one message is handled.</summary>
internal sealed class PostgresSagaRepositoryContext<TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<OrderState, TMessage>
    where TMessage : class
{
    private readonly OrderSagaSession _session;
    private readonly ConsumeContext<TMessage> _consumeContext;
    private readonly ISagaConsumeContextFactory<OrderSagaSession, OrderState> _factory;

    public PostgresSagaRepositoryContext(
        OrderSagaSession session,
        ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<OrderSagaSession, OrderState> factory)
        : base(consumeContext)
    {
        _session = session;
        _consumeContext = consumeContext;
        _factory = factory;
    }

    /// <summary>A new instance, not yet written: <see cref="Save"/> inserts it once the state machine has run.</summary>
    public Task<SagaConsumeContext<OrderState, TMessage>> Add(OrderState instance) =>
        _factory.CreateSagaConsumeContext(_session, _consumeContext, instance, SagaConsumeContextMode.Add);

    /// <summary>Pre-insertion (only for events configured with InsertOnInitial; this machine uses none).</summary>
    public async Task<SagaConsumeContext<OrderState, TMessage>> Insert(OrderState instance)
    {
        if (!await _session.TryInsertAsync(instance, CancellationToken))
        {
            // MassTransit then loads the existing instance instead.
            return null!;
        }

        _consumeContext.LogInsert<OrderState, TMessage>(instance.CorrelationId);
        return await _factory.CreateSagaConsumeContext(_session, _consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<OrderState, TMessage>> Load(Guid correlationId)
    {
        var instance = await _session.LoadAsync(correlationId, CancellationToken);
        return instance is null
            ? null!
            : await _factory.CreateSagaConsumeContext(_session, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<OrderState> context) => _session.InsertAsync(context.Saga, CancellationToken);

    public Task Update(SagaConsumeContext<OrderState> context) => _session.UpdateAsync(context.Saga, CancellationToken);

    public Task Delete(SagaConsumeContext<OrderState> context) => _session.DeleteAsync(context.Saga, CancellationToken);

    // Nothing was written for a discarded or read-only instance; the transaction owner decides the rest.
    public Task Discard(SagaConsumeContext<OrderState> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<OrderState> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<OrderState, T>> CreateSagaConsumeContext<T>(
        ConsumeContext<T> consumeContext, OrderState instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_session, consumeContext, instance, mode);
}
