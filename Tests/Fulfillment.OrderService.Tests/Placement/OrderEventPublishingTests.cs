using System.Net;
using System.Text;
using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.OrderService.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Placement;

/// <summary>With the relay running, an accepted order reaches raw.order-events, keyed by its id (read back with kcat).</summary>
[TestFixture]
public sealed class OrderEventPublishingTests : OrderServiceTest
{
    protected override bool RelayEnabled => true;

    [Test]
    public async Task An_accepted_order_is_published_as_order_created_on_raw_order_events()
    {
        using var response = await Client.SendAsync(
            Bodies.Post(Bodies.Json(Bodies.ValidOrder("customer-kafka")), correlationId: "corr-kafka"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var orderId = body.RootElement.GetProperty("orderId").GetString()!;

        var records = await Eventually.ReturnsAsync(
            async () => (await Kcat.ConsumeAsync(TestKafka.Shared.BootstrapServers, Topics.OrderEvents, 1000, TimeSpan.FromSeconds(20)))
                .Where(r => r.Key == orderId)
                .ToList(),
            found => found.Count > 0,
            what: $"order.created for {orderId} on {Topics.OrderEvents}");

        Assert.That(records, Has.Count.EqualTo(1));
        var record = records[0];
        Assert.That(record.Header("eventType"), Is.EqualTo(EventTypes.OrderCreated));
        Assert.That(record.Header("correlationId"), Is.EqualTo("corr-kafka"));
        var read = EnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(record.Payload!));
        Assert.That(read.Succeeded, Is.True, read.Reason);
        var envelope = (EventEnvelope<OrderCreated>)read.Envelope!;
        Assert.That(envelope.OrderId, Is.EqualTo(orderId));
        Assert.That(envelope.CorrelationId, Is.EqualTo("corr-kafka"));
        Assert.That(envelope.ProducedAt, Is.Not.Null);
        Assert.That(envelope.Payload.Total, Is.EqualTo(Bodies.ValidOrderTotal));

        // Published rows leave the outbox.
        await Eventually.ReturnsAsync(
            () => OrderDatabase.CountAsync(Factory.ConnectionString, "outbox_messages"), count => count == 0, what: "outbox drained");
    }
}
