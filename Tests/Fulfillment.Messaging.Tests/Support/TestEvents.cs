using System.Text;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;

namespace Fulfillment.Messaging.Tests.Support;

public static class TestEvents
{
    public static EventEnvelope<OrderCreated> OrderCreated(string orderId, int sequence = 1, Guid? eventId = null) =>
        new(
            eventId ?? Guid.CreateVersion7(),
            EventTypes.OrderCreated,
            1,
            DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow,
            orderId,
            $"corr-{orderId}",
            null,
            "test-producer",
            new OrderCreated("customer-1", [new OrderLine("SKU-1", sequence, 9.99m)], 9.99m * sequence, "EUR", new GeoPoint(52.37, 4.89)));

    public static Message<string, byte[]> ToMessage(IEventEnvelope envelope) => new()
    {
        Key = envelope.OrderId,
        Value = EnvelopeSerializer.Serialize(envelope),
        Headers = new Headers
        {
            { RecordHeaders.EventId, Encoding.UTF8.GetBytes(envelope.EventId.ToString()) },
            { RecordHeaders.EventType, Encoding.UTF8.GetBytes(envelope.EventType) },
            { RecordHeaders.CorrelationId, Encoding.UTF8.GetBytes(envelope.CorrelationId) },
            { RecordHeaders.TraceParent, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray() },
            { RecordHeaders.ContentType, "application/json"u8.ToArray() },
        },
    };

    public static Message<string, byte[]> Raw(string key, string? value) => new()
    {
        Key = key,
        Value = value is null ? null! : Encoding.UTF8.GetBytes(value),
    };
}
