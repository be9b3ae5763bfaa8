using System.Text.Json;

namespace Fulfillment.QueryApi.Orders.Queries;

/// <summary>One event of an order's timeline, with its payload as it was sent.</summary>
public sealed record TimelineEntry(
    Guid EventId,
    string EventType,
    DateTimeOffset OccurredAt,
    DateTimeOffset? ProducedAt,
    string Producer,
    string CorrelationId,
    string? CausationId,
    JsonElement Payload,
    DateTimeOffset RecordedAt);
