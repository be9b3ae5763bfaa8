namespace Fulfillment.LoadBenchmark;

/// <summary>One entry of query-api's order timeline (the fields the benchmark reads).</summary>
/// <remarks><c>RecordedAt</c>: When query-api recorded the event: from then on it is visible to clients.</remarks>
public sealed record TimelineEvent(Guid EventId, string EventType, DateTimeOffset OccurredAt, DateTimeOffset? ProducedAt, DateTimeOffset RecordedAt);
