using System.Diagnostics.Metrics;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Outbox;

namespace Fulfillment.Messaging.Telemetry;

/// <summary>
/// The plumbing's metrics: records handled, failed and dead-lettered per consumer group, each handled event's age,
/// consumer lag per partition, the outbox's backlog and age, and outbox rows published. The names follow
/// OpenTelemetry's conventions; the Prometheus exporter on <c>/metrics</c> turns them into
/// <c>fulfillment_consumer_records_handled_total</c>, <c>fulfillment_consumer_event_age_seconds_bucket</c> and so on
/// (dots become underscores, a unit in seconds adds <c>_seconds</c>, counters add <c>_total</c>; units in braces are
/// annotations and add nothing). <see cref="PrometheusNames"/> lists them for the dashboard's test.
/// </summary>
public sealed class ChassisMetrics : IDisposable
{
    public const string MeterName = "Fulfillment.Messaging";

    /// <summary>Event age buckets, in seconds: a few milliseconds per hop when all is well, minutes in a backlog.</summary>
    private static readonly double[] AgeBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly Meter _meter;
    private readonly TimeProvider _clock;
    private readonly Counter<long> _handled;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _published;
    private readonly Histogram<double> _eventAge;

    internal ChassisMetrics(IMeterFactory meters, OutboxBacklog backlog, ConsumerGroupStatus groups, TimeProvider clock)
    {
        _clock = clock;
        _meter = meters.Create(MeterName);
        _handled = _meter.CreateCounter<long>(
            "fulfillment.consumer.records.handled", "{record}", "Records handled and committed by a consumer group (duplicates skipped by the inbox included)");
        _failed = _meter.CreateCounter<long>("fulfillment.consumer.records.failed", "{record}", "Records that exhausted their retries");
        _deadLettered = _meter.CreateCounter<long>("fulfillment.consumer.records.dead_lettered", "{record}", "Records written to a dlq.* topic");
        _published = _meter.CreateCounter<long>("fulfillment.outbox.records.published", "{record}", "Outbox rows published to Kafka (the relay's rate)");
        _eventAge = _meter.CreateHistogram(
            "fulfillment.consumer.event.age",
            "s",
            "Time from an event's occurredAt to its handling by this consumer group committing: the latency of that hop",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AgeBuckets });
        _meter.CreateObservableGauge("fulfillment.outbox.backlog", () => backlog.Rows, "{row}", "Outbox rows not yet published");
        _meter.CreateObservableGauge(
            "fulfillment.outbox.oldest_age", () => backlog.OldestAge.TotalSeconds, "s", "Age of the oldest unpublished outbox row");
        _meter.CreateObservableGauge(
            "fulfillment.consumer.lag",
            () => groups.PartitionLag.SelectMany(group => group.Value.Select(p => new Measurement<long>(
                p.Lag,
                new KeyValuePair<string, object?>("consumer.group", group.Key),
                new KeyValuePair<string, object?>("topic", p.Topic),
                new KeyValuePair<string, object?>("partition", p.Partition)))),
            "{record}",
            "Records behind the high watermark, per consumer group and assigned partition, as of the last commit round");
    }

    /// <summary>The names these instruments have on <c>/metrics</c> (a histogram's series add _bucket, _sum and _count).</summary>
    public static IReadOnlyList<string> PrometheusNames { get; } =
    [
        "fulfillment_consumer_records_handled_total",
        "fulfillment_consumer_records_failed_total",
        "fulfillment_consumer_records_dead_lettered_total",
        "fulfillment_outbox_records_published_total",
        "fulfillment_consumer_event_age_seconds",
        "fulfillment_outbox_backlog",
        "fulfillment_outbox_oldest_age_seconds",
        "fulfillment_consumer_lag",
    ];

    public Meter Meter => _meter;

    internal void RecordsHandled(string group, IReadOnlyList<ConsumedRecord> records)
    {
        _handled.Add(records.Count, new KeyValuePair<string, object?>("consumer.group", group));
        var now = _clock.GetUtcNow();
        foreach (var record in records)
        {
            var envelope = record.Envelope;
            _eventAge.Record(
                Math.Max(0, (now - envelope.OccurredAt).TotalSeconds),
                new KeyValuePair<string, object?>("consumer.group", group),
                new KeyValuePair<string, object?>("topic", record.Topic),
                new KeyValuePair<string, object?>("event.type", envelope.EventType));
        }
    }

    public void RecordFailed(string group) => _failed.Add(1, new KeyValuePair<string, object?>("consumer.group", group));

    public void RecordDeadLettered(string group, string topic) =>
        _deadLettered.Add(1, new KeyValuePair<string, object?>("consumer.group", group), new KeyValuePair<string, object?>("topic", topic));

    public void OutboxPublished(int count) => _published.Add(count);

    public void Dispose() => _meter.Dispose();
}
