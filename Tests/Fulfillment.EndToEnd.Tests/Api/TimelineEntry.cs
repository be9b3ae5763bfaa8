namespace Fulfillment.EndToEnd.Tests.Api;

public sealed record TimelineEntry(Guid EventId, string EventType, DateTimeOffset OccurredAt, string Producer, string CorrelationId, string? CausationId);
