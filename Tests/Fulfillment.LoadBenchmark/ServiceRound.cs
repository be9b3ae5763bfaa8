namespace Fulfillment.LoadBenchmark;

/// <summary>One round of the per-service consumer benchmark: a fresh broker, database and service process.</summary>
/// <remarks>
/// <c>StartSeconds</c>: service process started → every instance ready. <c>ReadyToDoneSeconds</c>: ready → warm-up and timed
/// events all decided in the database (null: not within --drain-timeout). <c>DecidedSeconds</c>/<c>PublishedSeconds</c>:
/// the timed window, from the warm-up's last decision in the database to the last timed decision by the database's
/// timestamps, and to the last decision record by its Kafka timestamp (the relay's tail included). <c>Outcomes</c>: label → rows (reservation or delivery status, drivers).
/// <c>Waited</c>: delivery only, the service's "every driver is busy" log lines (one per delivery that waited).
/// <c>CpuPercent</c>: process → CPU over the timed window, % of one core.
/// </remarks>
public sealed record ServiceRound(
    int Round,
    string Layout,
    int WarmupEvents,
    int Events,
    PgBenchResult? PgBench,
    double ProducedPerSecond,
    double StartSeconds,
    double? ReadyToDoneSeconds,
    long Decided,
    double? DecidedSeconds,
    long Published,
    double? PublishedSeconds,
    IReadOnlyDictionary<string, long> Outcomes,
    long? Waited,
    IReadOnlyDictionary<string, double> CpuPercent,
    IReadOnlyList<LogFindings> Logs)
{
    public double? DecidedPerSecond => DecidedSeconds is { } s && s > 0 ? Events / s : null;

    public double? PublishedPerSecond => PublishedSeconds is { } s && s > 0 ? Events / s : null;
}
