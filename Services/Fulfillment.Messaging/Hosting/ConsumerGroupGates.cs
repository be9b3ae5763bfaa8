using System.Reflection;
using MassTransit;

namespace Fulfillment.Messaging.Hosting;

/// <summary>Puts a <see cref="ConsumerGroupGate{T}"/> in front of a component for each message type it consumes.</summary>
internal static class ConsumerGroupGates
{
    /// <summary>The header the consumer host stamps with the dispatching consumer group.</summary>
    public const string Header = "Fulfillment-Consumer-Group";

    private static readonly MethodInfo ConsumerGate =
        typeof(ConsumerGroupGates).GetMethod(nameof(GateConsumerMessage), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static readonly MethodInfo SagaGate =
        typeof(ConsumerGroupGates).GetMethod(nameof(GateSagaMessage), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static void Apply<TConsumer>(IConsumerConfigurator<TConsumer> configurator, string groupId, IEnumerable<Type> messageTypes)
        where TConsumer : class
    {
        foreach (var messageType in messageTypes)
        {
            ConsumerGate.MakeGenericMethod(typeof(TConsumer), messageType).Invoke(null, [configurator, groupId]);
        }
    }

    public static void Apply<TInstance>(ISagaConfigurator<TInstance> configurator, string groupId, IEnumerable<Type> messageTypes)
        where TInstance : class, ISaga
    {
        foreach (var messageType in messageTypes)
        {
            SagaGate.MakeGenericMethod(typeof(TInstance), messageType).Invoke(null, [configurator, groupId]);
        }
    }

    private static void GateConsumerMessage<TConsumer, T>(IConsumerConfigurator<TConsumer> configurator, string groupId)
        where TConsumer : class
        where T : class =>
        configurator.Message<T>(message => message.UseFilter(new ConsumerGroupGate<T>(groupId)));

    private static void GateSagaMessage<TInstance, T>(ISagaConfigurator<TInstance> configurator, string groupId)
        where TInstance : class, ISaga
        where T : class =>
        configurator.Message<T>(message => message.UseFilter(new ConsumerGroupGate<T>(groupId)));
}
