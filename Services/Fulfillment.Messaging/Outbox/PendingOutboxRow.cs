namespace Fulfillment.Messaging.Outbox;

/// <summary>An outbox row read by the relay, on its way to Kafka.</summary>
internal sealed record PendingOutboxRow(
    long Id,
    Guid EventId,
    string Topic,
    string Key,
    string EventType,
    string CorrelationId,
    string? TraceParent,
    byte[] Envelope,
    int Attempts);
