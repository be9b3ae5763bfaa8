using Confluent.Kafka;
using Fulfillment.Messages;

namespace Fulfillment.Benchmarks;

/// <summary>The benchmark's input: keyed <c>order.created</c> records, as order-service publishes them.</summary>
public static class InputEvents
{
    /// <summary>The <paramref name="index"/>-th record, over <paramref name="keys"/> order ids; a new event id each call.</summary>
    public static (Guid EventId, Message<string, byte[]> Record) Create(int index, int keys)
    {
        var orderId = $"order-{index % keys:D6}";
        var envelope = new EventEnvelope<OrderCreated>(
            Guid.CreateVersion7(), EventTypes.OrderCreated, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, orderId, orderId, null,
            "benchmark", new OrderCreated("customer-1", [new OrderLine("SKU-001", 2, 12.50m)], 25.00m, "EUR", new GeoPoint(52.37, 4.89)));
        return (envelope.EventId, new Message<string, byte[]> { Key = orderId, Value = EnvelopeSerializer.Serialize(envelope) });
    }

    /// <summary>The idempotent <c>acks=all</c> producer the input is written with.</summary>
    public static IProducer<string, byte[]> Producer(string bootstrapServers, int lingerMs = 5) =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = lingerMs,
            QueueBufferingMaxMessages = 1_000_000,
        }).Build();

    /// <summary>Produces <paramref name="count"/> records to <see cref="Topics.OrderEvents"/> and waits for every acknowledgement.</summary>
    public static async Task ProduceAsync(string bootstrapServers, int count, int keys)
    {
        using var producer = Producer(bootstrapServers);
        for (var i = 0; i < count; i++)
        {
            producer.Produce(Topics.OrderEvents, Create(i, keys).Record);
        }

        await Task.Run(() => producer.Flush(TimeSpan.FromMinutes(2)));
    }
}
