namespace Fulfillment.Messages;

/// <summary>The JSON value of every record on a <c>raw.*</c> topic (docs/event-contracts.md).</summary>
/// <remarks>
/// Consumers receive the whole envelope, not just the payload, so that correlation, causation and ordering data is
/// always at hand and the saga can correlate on <see cref="OrderId"/>. <typeparamref name="TPayload"/> is a payload record,
/// or <see cref="System.Text.Json.JsonElement"/> in the envelope as <see cref="EnvelopeSerializer"/> first reads it,
/// before its event type says what the payload is.
/// </remarks>
public sealed record EventEnvelope<TPayload>(
    Guid EventId,
    string EventType,
    int SchemaVersion,
    DateTimeOffset OccurredAt,
    DateTimeOffset? ProducedAt,
    string OrderId,
    string CorrelationId,
    string? CausationId,
    string Producer,
    TPayload Payload) : IEventEnvelope
    where TPayload : notnull
{
    object IEventEnvelope.Payload => Payload;
}
