using Confluent.Kafka;
using Fulfillment.EmbeddedKafka.Broker;
using Fulfillment.Messages;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>An embedded Kafka with the platform's topics, and a plain producer to put records on them.</summary>
public static class TestKafka
{
    public static EmbeddedKafkaCluster Start() =>
        EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Partitions = 3, Topics = [.. Topics.All] });

    /// <summary>Produces an envelope as a service's outbox relay would: keyed by order id, with the contract headers.</summary>
    public static Task<DeliveryResult<string, byte[]>> ProduceEnvelopeAsync(string bootstrapServers, IEventEnvelope envelope)
    {
        var headers = new Headers
        {
            { "eventId", System.Text.Encoding.UTF8.GetBytes(envelope.EventId.ToString()) },
            { "eventType", System.Text.Encoding.UTF8.GetBytes(envelope.EventType) },
            { "correlationId", System.Text.Encoding.UTF8.GetBytes(envelope.CorrelationId) },
            { "content-type", "application/json"u8.ToArray() },
        };
        var topic = EventRegistry.For(envelope.Payload.GetType()).Topic;
        return ProduceAsync(bootstrapServers, topic, envelope.OrderId, EnvelopeSerializer.Serialize(envelope), headers);
    }

    public static async Task<DeliveryResult<string, byte[]>> ProduceAsync(
        string bootstrapServers, string topic, string key, byte[] value, Headers headers)
    {
        using var producer = new ProducerBuilder<string, byte[]>(
            new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, Acks = Acks.All }).Build();
        return await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = value, Headers = headers });
    }
}
