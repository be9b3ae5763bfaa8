using MassTransit;

namespace Fulfillment.Messaging.Hosting;

/// <summary>
/// One mediator serves every consumer group of a service, and it hands a message to every component that consumes
/// its type. The host stamps the dispatching group on the message; this filter, in front of each component (before
/// the consumer factory or saga repository), lets through only the group that component belongs to.
/// </summary>
internal sealed class ConsumerGroupGate<T>(string groupId) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next) =>
        context.Headers.Get<string>(ConsumerGroupGates.Header) is { } group && !string.Equals(group, groupId, StringComparison.Ordinal)
            ? Task.CompletedTask
            : next.Send(context);

    public void Probe(ProbeContext context) => context.CreateFilterScope("consumer-group").Add("group", groupId);
}
