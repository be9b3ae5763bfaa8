using MassTransit;

namespace Fulfillment.Chassis.Hosting;

/// <summary>The MassTransit consumers and state machines one consumer group dispatches to.</summary>
public sealed class ConsumerGroupBuilder
{
    internal List<Action<IMediatorRegistrationConfigurator>> Registrations { get; } = [];

    internal HashSet<Type> MessageTypes { get; } = [];

    public ConsumerGroupBuilder AddConsumer<TConsumer>()
        where TConsumer : class, IConsumer
    {
        Registrations.Add(mediator => mediator.AddConsumer<TConsumer>());
        MessageTypes.UnionWith(typeof(TConsumer).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0]));
        return this;
    }

    public ConsumerGroupBuilder AddSagaStateMachine<TStateMachine, TInstance>(
        Action<ISagaRegistrationConfigurator<TInstance>>? configure = null)
        where TStateMachine : class, SagaStateMachine<TInstance>
        where TInstance : class, SagaStateMachineInstance
    {
        Registrations.Add(mediator =>
        {
            var saga = mediator.AddSagaStateMachine<TStateMachine, TInstance>();
            configure?.Invoke(saga);
        });
        MessageTypes.UnionWith(typeof(TStateMachine).GetProperties()
            .Select(p => p.PropertyType)
            .Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Event<>))
            .Select(t => t.GetGenericArguments()[0]));
        return this;
    }
}
