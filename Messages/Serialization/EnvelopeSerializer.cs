using System.Text;
using System.Text.Json;

namespace Fulfillment.Messages;

/// <summary>Turns envelopes into record values and back, under the contract's rules.</summary>
public static class EnvelopeSerializer
{
    private static readonly byte[] ProducedAtPlaceholder = "\"producedAt\":null"u8.ToArray();

    public static byte[] Serialize(IEventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return JsonSerializer.SerializeToUtf8Bytes(envelope, envelope.GetType(), FulfillmentJson.Options);
    }

    public static EnvelopeReadResult Deserialize(ReadOnlySpan<byte> value)
    {
        // The payload stays JSON until the event type, read with it, says what it is.
        EventEnvelope<JsonElement>? document;
        try
        {
            document = JsonSerializer.Deserialize<EventEnvelope<JsonElement>>(value, FulfillmentJson.Options);
        }
        catch (JsonException ex)
        {
            return EnvelopeReadResult.Failure(EnvelopeReadError.Malformed, $"Not a valid event envelope: {ex.Message}");
        }

        if (document is null)
        {
            return EnvelopeReadResult.Failure(EnvelopeReadError.Malformed, "The record value is JSON null.");
        }

        if (Validate(document) is { } violation)
        {
            return EnvelopeReadResult.Failure(EnvelopeReadError.Invalid, violation);
        }

        if (!EventRegistry.TryGet(document.EventType, out var descriptor))
        {
            return EnvelopeReadResult.Failure(
                EnvelopeReadError.UnknownEventType, $"Unknown eventType '{document.EventType}'.");
        }

        try
        {
            return EnvelopeReadResult.Success(descriptor.Materialize(document, FulfillmentJson.Options));
        }
        catch (JsonException ex)
        {
            return EnvelopeReadResult.Failure(
                EnvelopeReadError.Malformed, $"Payload is not a valid {document.EventType}: {ex.Message}");
        }
    }

    /// <summary>
    /// Returns the value with <c>producedAt</c> set. The outbox stores envelopes serialized with a null producedAt; the
    /// relay stamps it when it hands the record to Kafka, without re-parsing the document.
    /// </summary>
    public static byte[] StampProducedAt(ReadOnlySpan<byte> value, DateTimeOffset producedAt) =>
        StampProducedAt(value, ProducedAtStamp(producedAt));

    /// <summary>The bytes that replace the null <c>producedAt</c>; a relay computes them once per round.</summary>
    public static byte[] ProducedAtStamp(DateTimeOffset producedAt) =>
        Encoding.UTF8.GetBytes($"\"producedAt\":{JsonSerializer.Serialize(producedAt, FulfillmentJson.Options)}");

    public static byte[] StampProducedAt(ReadOnlySpan<byte> value, ReadOnlySpan<byte> stamp)
    {
        var at = value.IndexOf(ProducedAtPlaceholder);
        if (at < 0)
        {
            return value.ToArray();
        }

        var result = new byte[value.Length - ProducedAtPlaceholder.Length + stamp.Length];
        value[..at].CopyTo(result);
        stamp.CopyTo(result.AsSpan(at));
        value[(at + ProducedAtPlaceholder.Length)..].CopyTo(result.AsSpan(at + stamp.Length));
        return result;
    }

    private static string? Validate(EventEnvelope<JsonElement> document) =>
        document switch
        {
            { EventId: var id } when id == Guid.Empty => "eventId must be a non-empty UUID.",
            { SchemaVersion: < 1 } => "schemaVersion must be 1 or more.",
            { OrderId: var orderId } when string.IsNullOrWhiteSpace(orderId) => "orderId must not be empty.",
            { EventType: var type } when string.IsNullOrWhiteSpace(type) => "eventType must not be empty.",
            { CorrelationId: var correlation } when string.IsNullOrWhiteSpace(correlation) =>
                "correlationId must not be empty.",
            { Payload.ValueKind: not JsonValueKind.Object } => "payload must be a JSON object.",
            _ => null,
        };
}
