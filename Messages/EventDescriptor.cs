using System.Text.Json;

namespace Fulfillment.Messages;

/// <summary>One row of the event-type registry: an <c>eventType</c>, its payload CLR type and its topic.</summary>
public sealed class EventDescriptor
{
    private readonly Func<EventEnvelope<JsonElement>, JsonSerializerOptions, IEventEnvelope> _materialize;

    private EventDescriptor(
        string eventType,
        Type payloadType,
        string topic,
        Func<EventEnvelope<JsonElement>, JsonSerializerOptions, IEventEnvelope> materialize)
    {
        EventType = eventType;
        PayloadType = payloadType;
        EnvelopeType = typeof(EventEnvelope<>).MakeGenericType(payloadType);
        Topic = topic;
        _materialize = materialize;
    }

    public string EventType { get; }

    public Type PayloadType { get; }

    /// <summary><c>EventEnvelope&lt;PayloadType&gt;</c>: the message type consumers and the saga receive.</summary>
    public Type EnvelopeType { get; }

    public string Topic { get; }

    public string DeadLetterTopic => Topics.DeadLetterFor(Topic);

    public static EventDescriptor Create<TPayload>(string eventType, string topic)
        where TPayload : class =>
        new(eventType, typeof(TPayload), topic, static (document, options) =>
        {
            var payload = document.Payload.Deserialize<TPayload>(options)
                ?? throw new JsonException("payload is null");
            return new EventEnvelope<TPayload>(
                document.EventId,
                document.EventType,
                document.SchemaVersion,
                document.OccurredAt,
                document.ProducedAt,
                document.OrderId,
                document.CorrelationId,
                document.CausationId,
                document.Producer,
                payload);
        });

    internal IEventEnvelope Materialize(EventEnvelope<JsonElement> document, JsonSerializerOptions options) =>
        _materialize(document, options);

    public override string ToString() => $"{EventType} ({PayloadType.Name}) on {Topic}";
}
