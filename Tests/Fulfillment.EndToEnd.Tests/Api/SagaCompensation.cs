namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>The compensation part of query-api's saga view: each step the order needs and whether all are done.</summary>
public sealed record SagaCompensation(IReadOnlyList<SagaCompensationStep> Steps, bool Complete, DateTimeOffset? OverdueAt);
