namespace Fulfillment.LoadBenchmark;

/// <summary>query-api's <c>GET /api/orders/{orderId}</c> (the fields the benchmark reads).</summary>
public sealed record OrderView(string OrderId, string Status, IReadOnlyList<TimelineEvent> Timeline);
