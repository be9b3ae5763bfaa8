using Fulfillment.Messaging.Consuming;
using MassTransit;

namespace Fulfillment.Messaging.Hosting;

/// <summary>The MassTransit consumers and state machines one consumer group dispatches to.</summary>
public sealed class ConsumerGroupBuilder(string groupId)
{
    internal List<Action<IMediatorRegistrationConfigurator>> Registrations { get; } = [];

    internal HashSet<Type> MessageTypes { get; } = [];

    internal Type? BatchPreparer { get; private set; }

    internal RecordRetryPolicy? Retry { get; private set; }

    internal int? MaxBatchSize { get; private set; }

    /// <summary>
    /// At most <paramref name="records"/> records of one lane share a unit of work in this group, whatever
    /// <c>Kafka:Consumer:MaxBatchSize</c> says. For consumers with an effect outside the transaction (an email, a call):
    /// a failed batch is replayed record by record, which repeats the effects of the records before the failing one;
    /// <c>BatchesOf(1)</c> makes that replay repeat nothing.
    /// </summary>
    public ConsumerGroupBuilder BatchesOf(int records)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        MaxBatchSize = records;
        return this;
    }

    /// <summary>This group's own retry policy: what is transient for it, how often, how fast (defaults: section <c>Retry</c>).</summary>
    public ConsumerGroupBuilder RetryWith(Action<RecordRetryPolicy> configure)
    {
        Retry ??= new RecordRetryPolicy();
        configure(Retry);
        return this;
    }

    /// <summary>Runs <typeparamref name="TPreparer"/> (scoped) before each unit of work of this group.</summary>
    public ConsumerGroupBuilder PrepareBatchesWith<TPreparer>()
        where TPreparer : class, IBatchPreparer
    {
        BatchPreparer = typeof(TPreparer);
        return this;
    }

    public ConsumerGroupBuilder AddConsumer<TConsumer>()
        where TConsumer : class, IConsumer
    {
        var consumed = typeof(TConsumer).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .ToList();
        Registrations.Add(mediator => mediator.AddConsumer<TConsumer>(
            (_, consumer) => ConsumerGroupGates.Apply(consumer, groupId, consumed)));
        MessageTypes.UnionWith(consumed);
        return this;
    }

    public ConsumerGroupBuilder AddSagaStateMachine<TStateMachine, TInstance>(
        Action<ISagaRegistrationConfigurator<TInstance>>? configure = null)
        where TStateMachine : class, SagaStateMachine<TInstance>
        where TInstance : class, SagaStateMachineInstance
    {
        var consumed = typeof(TStateMachine).GetProperties()
            .Select(p => p.PropertyType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Event<>))
            .Select(t => t.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        Registrations.Add(mediator =>
        {
            var saga = mediator.AddSagaStateMachine<TStateMachine, TInstance>(
                (_, sagaConfigurator) => ConsumerGroupGates.Apply(sagaConfigurator, groupId, consumed));
            configure?.Invoke(saga);
        });
        MessageTypes.UnionWith(consumed);
        return this;
    }
}
