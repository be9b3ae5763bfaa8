using Fulfillment.Messages;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// The event being handled in this DI scope. The outbox publish filter reads it so that an event published by a
/// consumer inherits the order, correlation and causation of the event that caused it.
/// </summary>
internal sealed class ConsumedEventContext
{
    public IEventEnvelope? Current { get; internal set; }
}
