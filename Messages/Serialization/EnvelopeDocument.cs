using System.Text.Json;

namespace Fulfillment.Messages;

/// <summary>The envelope as read off the wire, before its payload type is known.</summary>
internal sealed record EnvelopeDocument(
    Guid EventId,
    string EventType,
    int SchemaVersion,
    DateTimeOffset OccurredAt,
    DateTimeOffset? ProducedAt,
    string OrderId,
    string CorrelationId,
    string? CausationId,
    string Producer,
    JsonElement Payload);
