namespace Fulfillment.Messaging.Outbox;

/// <summary>A row of <c>outbox_messages</c>: an event committed with the state change it announces, not yet on Kafka.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    public Guid EventId { get; set; }

    public required string Topic { get; set; }

    public required string MessageKey { get; set; }

    public required string EventType { get; set; }

    public required string CorrelationId { get; set; }

    public string? TraceParent { get; set; }

    /// <summary>The serialized envelope with a null <c>producedAt</c>, which the relay stamps.</summary>
    public required byte[] Envelope { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; } = DateTimeOffset.MinValue;

    public string? LastError { get; set; }
}
