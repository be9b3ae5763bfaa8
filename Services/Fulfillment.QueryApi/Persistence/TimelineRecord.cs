namespace Fulfillment.QueryApi.Persistence;

/// <summary>A row of <c>order_timeline</c>: one event of one order, recorded once.</summary>
public sealed class TimelineRecord
{
    public Guid EventId { get; set; }

    public required string OrderId { get; set; }

    public required string EventType { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset? ProducedAt { get; set; }

    public required string Producer { get; set; }

    public required string CorrelationId { get; set; }

    public string? CausationId { get; set; }

    /// <summary>The event's payload as JSON (<c>jsonb</c>).</summary>
    public required string Payload { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
