using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using MassTransit;

namespace Fulfillment.Messaging.Outbox;

/// <summary>
/// A scoped MassTransit publish filter: <c>context.Publish(payload)</c> inside a consumer becomes an outbox row in the
/// consumer's DbContext, carrying the consumed event's order and correlation and naming it as the cause. The event
/// leaves through Kafka only, never in-process. Types that are not contract events pass through untouched.
/// </summary>
internal sealed class OutboxPublishFilter<T>(IEventOutbox outbox, ConsumedEventContext consumed) : IFilter<PublishContext<T>>
    where T : class
{
    public Task Send(PublishContext<T> context, IPipe<PublishContext<T>> next)
    {
        if (consumed.Current is not { } cause || !EventRegistry.TryGet(typeof(T), out _))
        {
            return next.Send(context);
        }

        outbox.Add(cause.OrderId, context.Message, cause.CorrelationId, cause.EventId.ToString());
        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("outbox");
}
