namespace Fulfillment.LoadBenchmark;

/// <summary>One second's look at the platform: orders still open, consumer lag per group, outbox rows per service.</summary>
/// <remarks><c>Lag</c>: Group id → records behind (missing: could not be read). <c>Outbox</c>: Service → rows in its outbox.</remarks>
public sealed record BacklogSample(
    double Seconds,
    string Phase,
    long Accepted,
    long Assigned,
    long Rejected,
    long Outstanding,
    IReadOnlyDictionary<string, long> Lag,
    IReadOnlyDictionary<string, long> Outbox,
    long DeadLetters)
{
    public long TotalLag => Lag.Values.Sum();

    /// <summary>Outstanding orders plus consumer lag: what a step's sustainability is judged on.</summary>
    public long Backlog => Outstanding + TotalLag;
}
