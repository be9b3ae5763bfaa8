using Fulfillment.Messages;

namespace Fulfillment.Testing;

/// <summary>Contract envelopes as an upstream service would write them.</summary>
public static class TestEnvelopes
{
    /// <summary>
    /// A new event (fresh event id unless given) of the type the event registry maps <typeparamref name="TPayload"/>
    /// to, schema version 1, produced when it occurred (now unless given), correlated as <c>corr-&lt;orderId&gt;</c>
    /// unless given, with no cause.
    /// </summary>
    public static EventEnvelope<TPayload> For<TPayload>(
        string orderId,
        TPayload payload,
        string producer = "tests",
        DateTimeOffset? occurredAt = null,
        string? correlationId = null,
        Guid? eventId = null)
        where TPayload : class
    {
        var occurred = occurredAt ?? DateTimeOffset.UtcNow;
        return new EventEnvelope<TPayload>(
            eventId ?? Guid.CreateVersion7(),
            EventRegistry.For<TPayload>().EventType,
            1,
            occurred,
            occurred,
            orderId,
            correlationId ?? $"corr-{orderId}",
            null,
            producer,
            payload);
    }
}
