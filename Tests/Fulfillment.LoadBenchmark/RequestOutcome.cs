namespace Fulfillment.LoadBenchmark;

/// <summary>One POST /api/orders: when it was due, how late it went out, how it ended (status 0: no HTTP answer).</summary>
/// <remarks><c>LatencyMs</c>: From <c>ScheduledAt</c> (not from the send) to the full answer.</remarks>
public sealed record RequestOutcome(
    long Index,
    DateTimeOffset ScheduledAt,
    bool Counted,
    int Status,
    double LatencyMs,
    double SendDelayMs,
    string? OrderId,
    string? Error)
{
    public bool Accepted => Status is >= 200 and < 300 && OrderId is not null;
}
