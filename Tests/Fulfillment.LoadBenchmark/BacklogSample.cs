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

    /// <summary>
    /// Orders accepted and not yet finished: what a step's sustainability is judged on. In a platform that keeps up it
    /// stays near rate × latency; in one that falls behind it grows by the shortfall every second. Consumer lag is left
    /// out: it counts the same orders again, against offsets committed only every 200 ms, which made one-second
    /// samples jump by a batch.
    /// </summary>
    public long Backlog => Outstanding;
}
