namespace Fulfillment.Chassis.Outbox;

/// <summary>An outbox row claimed by the relay for one publish round.</summary>
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
