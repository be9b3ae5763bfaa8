using Fulfillment.Messaging.Tests.Support;
using NUnit.Framework;
using Serilog.Events;

namespace Fulfillment.Messaging.Tests.Integration;

public sealed class LoggingTests : ChassisTestBase
{
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
            Assert.That(Property("service"), Is.EqualTo(SampleService.GroupId));
        });
    }
}
