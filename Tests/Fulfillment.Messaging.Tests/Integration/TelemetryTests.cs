using System.Diagnostics.Metrics;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using Fulfillment.Messaging.Telemetry;
using Fulfillment.Messaging.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Fulfillment.Messaging.Tests.Integration;

public sealed class TelemetryTests : ChassisTestBase
{
    private const string IncomingTraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string IncomingSpanId = "b7ad6b7169203331";

    [Test]
    public async Task The_consume_span_and_the_event_it_publishes_continue_the_incoming_trace()
    {
        var exporter = new CollectingExporter();
        await using var service = await StartServiceAsync(
            defaults: service => service.ConfigureTracing(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(exporter))));
        var consumed = TestEvents.OrderCreated("order-traced");

        await ProduceAsync(consumed);
        var relayed = (await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 1, Patience)).Single();
        var span = await Eventually.ReturnsAsync(
            () => Task.FromResult(exporter.Spans.FirstOrDefault(s => s.DisplayName == $"{Topics.OrderEvents} process")),
            found => found is not null, Patience, "consume span exported");

        Assert.Multiple(() =>
        {
            Assert.That(span!.TraceId.ToHexString(), Is.EqualTo(IncomingTraceId));
            Assert.That(span.ParentSpanId.ToHexString(), Is.EqualTo(IncomingSpanId));
            Assert.That(span.Source.Name, Is.EqualTo(ChassisTelemetry.SourceName));
            Assert.That(span.GetTagItem("messaging.consumer.group.name"), Is.EqualTo(SampleService.GroupId));
            Assert.That(relayed.Message.Headers.GetUtf8(RecordHeaders.TraceParent), Is.EqualTo($"00-{IncomingTraceId}-{span.SpanId.ToHexString()}-01"),
                "the published event's parent is the consume span");
            Assert.That(
                exporter.Spans.Where(s => s.Source.Name == "Npgsql" && s.TraceId.ToHexString() == IncomingTraceId).Select(s => s.ParentSpanId),
                Has.Some.EqualTo(span.SpanId),
                "the handler's SQL statements are spans of the same trace, under the consume span");
        });
    }

    [Test]
    public async Task Without_a_trace_collector_the_published_event_carries_the_incoming_trace_context_unchanged()
    {
        await using var service = await StartServiceAsync();
        var consumed = TestEvents.OrderCreated("order-carried");

        await ProduceAsync(consumed);
        var relayed = (await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 1, Patience)).Single();

        // No span was recorded, so the incoming parent is still the parent.
        Assert.That(relayed.Message.Headers.GetUtf8(RecordHeaders.TraceParent), Is.EqualTo($"00-{IncomingTraceId}-{IncomingSpanId}-01"));
    }

    [Test]
    public async Task Dead_letters_and_handled_records_are_counted()
    {
        var measurements = new List<(string Instrument, long Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ChassisMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value));
            }
        });
        listener.Start();

        await using var service = await StartServiceAsync();
        var poison = TestEvents.OrderCreated("order-counted", sequence: 1);
        Behavior.Failing[poison.EventId] = true;
        await ProduceAsync(poison);
        await ProduceAsync(TestEvents.OrderCreated("order-counted", sequence: 2));
        await WaitForHandledAsync(service, rows => rows.Count == 1, "handled");

        long Sum(string name)
        {
            lock (measurements)
            {
                return measurements.Where(m => m.Instrument == name).Sum(m => m.Value);
            }
        }

        await Eventually.ReturnsAsync(() => Task.FromResult(Sum("fulfillment.outbox.records.published")), n => n >= 1, Patience, "published counted");
        Assert.Multiple(() =>
        {
            Assert.That(Sum("fulfillment.consumer.records.handled"), Is.EqualTo(1));
            Assert.That(Sum("fulfillment.consumer.records.failed"), Is.EqualTo(1));
            Assert.That(Sum("fulfillment.consumer.records.dead_lettered"), Is.EqualTo(1));
        });
    }
}

