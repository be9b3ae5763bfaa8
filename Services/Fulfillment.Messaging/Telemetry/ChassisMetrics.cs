using System.Diagnostics.Metrics;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Outbox;

namespace Fulfillment.Messaging.Telemetry;

/// <summary>Counters of the plumbing: records consumed, failed and dead-lettered, outbox rows published.</summary>
public sealed class ChassisMetrics : IDisposable
{
    public const string MeterName = "Fulfillment.Messaging";

    private readonly Meter _meter;
    private readonly Counter<long> _handled;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _published;

    public ChassisMetrics(IMeterFactory meters, OutboxBacklog backlog, ConsumerGroupStatus groups)
    {
        _meter = meters.Create(MeterName);
        _handled = _meter.CreateCounter<long>("fulfillment.consumer.records.handled", description: "Records handled and committed by a consumer group");
        _failed = _meter.CreateCounter<long>("fulfillment.consumer.records.failed", description: "Records that exhausted their retries");
        _deadLettered = _meter.CreateCounter<long>("fulfillment.consumer.records.dead_lettered", description: "Records written to a dlq.* topic");
        _published = _meter.CreateCounter<long>("fulfillment.outbox.records.published", description: "Outbox rows published to Kafka");
        _meter.CreateObservableGauge("fulfillment.outbox.backlog", () => backlog.Rows, description: "Outbox rows not yet published");
        _meter.CreateObservableGauge(
            "fulfillment.outbox.oldest_age", () => backlog.OldestAge.TotalSeconds, unit: "s", description: "Age of the oldest unpublished outbox row");
        _meter.CreateObservableGauge(
            "fulfillment.consumer.lag",
            () => groups.Lag.Select(g => new Measurement<long>(g.Value, new KeyValuePair<string, object?>("consumer.group", g.Key))),
            description: "Records behind the high watermark, per consumer group");
    }

    public Meter Meter => _meter;

    public void RecordsHandled(string group, int count) => _handled.Add(count, new KeyValuePair<string, object?>("consumer.group", group));

    public void RecordFailed(string group) => _failed.Add(1, new KeyValuePair<string, object?>("consumer.group", group));

    public void RecordDeadLettered(string group, string topic) =>
        _deadLettered.Add(1, new KeyValuePair<string, object?>("consumer.group", group), new KeyValuePair<string, object?>("topic", topic));

    public void OutboxPublished(int count) => _published.Add(count);

    public void Dispose() => _meter.Dispose();
}
