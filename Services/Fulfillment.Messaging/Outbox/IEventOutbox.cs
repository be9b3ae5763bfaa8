using Fulfillment.Messages;

namespace Fulfillment.Messaging.Outbox;

/// <summary>
/// Adds an event to the current unit of work. It is written to the outbox by the DbContext's next SaveChanges and so
/// commits, or not, with the state change it announces. Consumers use <c>context.Publish</c>, which lands here.
/// </summary>
public interface IEventOutbox
{
    EventEnvelope<TPayload> Add<TPayload>(string orderId, TPayload payload, string correlationId, string? causationId = null)
        where TPayload : class;
}
