namespace Fulfillment.LoadBenchmark;

/// <summary>
/// Whether a find-max step was sustainable: POSTs answered (≥ 99 % accepted), the backlog (open orders + consumer lag)
/// not growing over the step's second half (least-squares slope ≤ 10 % of the rate + 5 per second), and everything drained within
/// the allowed time after the step.
/// </summary>
public sealed record StepVerdict(bool Sustainable, long BacklogAtEnd, double BacklogSlopePerSecond, double? DrainSeconds, string Reason);
