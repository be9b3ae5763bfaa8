namespace Fulfillment.Messages;

/// <summary>The envelope seen without its payload type, for plumbing that handles every event alike.</summary>
public interface IEventEnvelope
{
    Guid EventId { get; }

    string EventType { get; }

    int SchemaVersion { get; }

    DateTimeOffset OccurredAt { get; }

    DateTimeOffset? ProducedAt { get; }

    string OrderId { get; }

    string CorrelationId { get; }

    string? CausationId { get; }

    string Producer { get; }

    object Payload { get; }
}
