using System.Text.Json;
using Fulfillment.Messaging.Tests.Support;
using NUnit.Framework;
using Serilog.Events;

namespace Fulfillment.Messaging.Tests.Integration;

public sealed class LoggingTests : ChassisTestBase
{
    /// <summary>The trace of <see cref="TestEvents.ToMessage"/>'s traceparent header.</summary>
    private const string IncomingTraceId = "0af7651916cd43dd8448eb211c80319c";

    [Test]
    public async Task Every_line_logged_while_handling_a_record_carries_the_event_context()
    {
        var logs = new CapturingSink();
        await using var service = await StartServiceAsync(logs: logs);
        var consumed = TestEvents.OrderCreated("order-logged");
        await ProduceAsync(consumed);
        await WaitForHandledAsync(service, rows => rows.Count == 1, "handled");

        var line = logs.Events.Single(e => e.MessageTemplate.Text.StartsWith("Recorded order", StringComparison.Ordinal));
        string? Property(string name) =>
            line.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: var scalar } ? scalar?.ToString() : null;

        Assert.Multiple(() =>
        {
            Assert.That(Property("eventId"), Is.EqualTo(consumed.EventId.ToString()));
            Assert.That(Property("eventType"), Is.EqualTo(consumed.EventType));
            Assert.That(Property("orderId"), Is.EqualTo(consumed.OrderId));
            Assert.That(Property("correlationId"), Is.EqualTo(consumed.CorrelationId));
            Assert.That(Property("traceId"), Is.EqualTo(IncomingTraceId), "no span is recorded: the record's own trace");
            Assert.That(Property("service"), Is.EqualTo(SampleService.GroupId));
        });
    }

    [Test]
    [NonParallelizable]
    public async Task In_json_mode_each_line_is_one_compact_json_object_with_the_event_context()
    {
        var consumed = TestEvents.OrderCreated("order-json");
        var console = new StringWriter();
        var original = Console.Out;
        // The console sink writes to Console.Out as it is when each event is emitted.
        Console.SetOut(console);
        try
        {
            await using var service = await StartServiceAsync(new Dictionary<string, string?> { ["Logging:Format"] = "json" });
            await ProduceAsync(consumed);
            await WaitForHandledAsync(service, rows => rows.Count == 1, "handled");
        }
        finally
        {
            Console.SetOut(original);
        }

        var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(lines, Is.Not.Empty);
        var objects = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.That(objects, Has.All.Matches<JsonElement>(o => o.ValueKind == JsonValueKind.Object && o.TryGetProperty("@t", out _) && o.TryGetProperty("@m", out _)),
            "compact JSON (CLEF): every line an object with a timestamp and the rendered message");

        var recorded = objects.Single(o => o.GetProperty("@m").GetString()!.StartsWith("Recorded order", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(recorded.GetProperty("eventId").GetString(), Is.EqualTo(consumed.EventId.ToString()));
            Assert.That(recorded.GetProperty("orderId").GetString(), Is.EqualTo(consumed.OrderId));
            Assert.That(recorded.GetProperty("correlationId").GetString(), Is.EqualTo(consumed.CorrelationId));
            Assert.That(recorded.GetProperty("traceId").GetString(), Is.EqualTo(IncomingTraceId));
            Assert.That(recorded.GetProperty("service").GetString(), Is.EqualTo(SampleService.GroupId));
            Assert.That(recorded.GetProperty("SourceContext").GetString(), Does.EndWith(nameof(RecordingConsumer)));
        });
    }

    [Test]
    public async Task Starting_on_a_fresh_database_logs_each_applied_migration_once_with_the_chassis_event_id()
    {
        var logs = new CapturingSink();
        await using (await StartServiceAsync(logs: logs))
        {
        }

        var applied = logs.Events
            .Where(e => e.Properties.TryGetValue("EventId", out var id)
                && id is StructureValue structure
                && structure.Properties.Any(p => p is { Name: "Id", Value: ScalarValue { Value: 1402 } }))
            .Select(e => e.Properties["Migration"] is ScalarValue { Value: string name } ? name : null);
        Assert.That(applied, Is.EqualTo(new[]
        {
            "chassis/0001_chassis_outbox_inbox.sql", "chassis/0002_outbox_retry_holds.sql", "service/0001_test_service.sql",
        }));
    }
}
