namespace Fulfillment.Messaging.Consuming;

/// <summary>How a consumer group handles its records (section <c>Kafka:Consumer</c>).</summary>
public sealed class ConsumerOptions
{
    public const string SectionName = "Kafka:Consumer";

    /// <summary>
    /// Records are spread over this many lanes by key; a lane handles its records in order. Two by default: with seven
    /// services sharing a machine's cores, fewer lanes mean bigger batches and fewer commits for the same records, which
    /// at 40 orders/s cut the platform's end-to-end p99 from 3.3 s (eight lanes) to 1.2 s (docs/benchmarks.md, run 10).
    /// Raise it for a consumer that waits on something other than the database (a slow gateway).
    /// </summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>At most this many records of one lane share a database transaction.</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>
    /// How long the poll loop waits for a full lane before it parks the record and pauses its partition (it polls on
    /// meanwhile, so the group keeps its partitions through a database outage of any length).
    /// </summary>
    public TimeSpan LanePatience { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often completed offsets are committed.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Where a group with no committed offset starts: the whole history, so nothing is skipped.</summary>
    public string AutoOffsetReset { get; set; } = "earliest";

    public int SessionTimeoutMs { get; set; } = 10_000;

    public int MaxPollIntervalMs { get; set; } = 300_000;

    /// <summary>
    /// How long a fetch may wait at the broker for data (librdkafka's <c>fetch.wait.max.ms</c>, default 500). A real
    /// broker answers as soon as data arrives; librdkafka's mock cluster (the embedded Kafka) holds an empty fetch for
    /// the whole wait and does not wake on new data, which put up to half a second of latency on every hop. 20 ms
    /// costs an idle consumer 50 small requests a second per broker.
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 20;
}
