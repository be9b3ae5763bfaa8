using System.Text;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.Messaging.Tests.Support;

public static class TestEvents
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    public static EventEnvelope<OrderCreated> OrderCreated(string orderId, int sequence = 1, Guid? eventId = null) =>
        TestEnvelopes.For(
            orderId,
            new OrderCreated("customer-1", [new OrderLine("SKU-1", sequence, 9.99m)], 9.99m * sequence, "EUR", new GeoPoint(52.37, 4.89)),
            "test-producer",
            eventId: eventId);

    /// <summary>The record as order-service's relay writes it, with a trace context from an upstream caller.</summary>
    public static Message<string, byte[]> ToMessage(IEventEnvelope envelope) => KafkaTopic.ToMessage(envelope, TraceParent);

    public static Message<string, byte[]> Raw(string key, string? value) => new()
    {
        Key = key,
        Value = value is null ? null! : Encoding.UTF8.GetBytes(value),
    };
}
