namespace Fulfillment.LoadBenchmark;

/// <summary>The numbers of one measured window: a plain run's, or one find-max step's.</summary>
/// <remarks><c>Errors</c>: HTTP status (or "no answer") → requests, for every non-2xx outcome. <c>EndToEndPerSecond</c>: Orders that reached delivery.assigned ÷ (last delivery.assigned visible − first POST due). <c>Hops</c>: Per hop (and relay delays): latency between consecutive lifecycle events. <c>CpuPercent</c>: Process → CPU over the load window, in % of one core.</remarks>
public sealed record LoadResult(
    string Name,
    double TargetRate,
    double Seconds,
    long Offered,
    double OfferedPerSecond,
    long Accepted,
    double AcceptedPerSecond,
    IReadOnlyDictionary<string, long> Errors,
    LatencySummary Post,
    LatencySummary SendDelay,
    long Assigned,
    long Rejected,
    long NeverFinished,
    double EndToEndPerSecond,
    LatencySummary EndToEnd,
    IReadOnlyDictionary<string, LatencySummary> Hops,
    IntegrityCheck Integrity,
    IReadOnlyDictionary<string, double> CpuPercent)
{
    /// <summary>find-max only: whether the step was sustainable, and why not.</summary>
    public StepVerdict? Verdict { get; init; }
}
