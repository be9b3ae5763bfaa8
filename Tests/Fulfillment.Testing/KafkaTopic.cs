using System.Text;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;

namespace Fulfillment.Testing;

/// <summary>Produces and reads envelopes as the other services and an independent reader would.</summary>
public static class KafkaTopic
{
    /// <summary>Produces the envelope to the topic its event type lives on (the event registry's), as its producer would.</summary>
    public static Task ProduceAsync(string bootstrapServers, IEventEnvelope envelope) =>
        ProduceAsync(bootstrapServers, EventRegistry.For(envelope.Payload.GetType()).Topic, [envelope]);

    public static Task ProduceAsync(string bootstrapServers, string topic, IEventEnvelope envelope) =>
        ProduceAsync(bootstrapServers, topic, [envelope]);

    /// <summary>Produces every envelope, keyed by its order, with one idempotent producer; returns once all are acknowledged.</summary>
    public static async Task ProduceAsync(string bootstrapServers, string topic, IReadOnlyCollection<IEventEnvelope> envelopes)
    {
        using var producer = CreateProducer(bootstrapServers);
        await Task.WhenAll(envelopes.Select(envelope => producer.ProduceAsync(topic, ToMessage(envelope))));
    }

    /// <summary>Produces one record as given (raw bytes, any headers) and returns where it landed.</summary>
    public static async Task<DeliveryResult<string, byte[]>> ProduceAsync(string bootstrapServers, string topic, Message<string, byte[]> message)
    {
        using var producer = CreateProducer(bootstrapServers);
        return await producer.ProduceAsync(topic, message);
    }

    /// <summary>The record a service's outbox relay writes for <paramref name="envelope"/>: keyed by order, with the contract headers.</summary>
    public static Message<string, byte[]> ToMessage(IEventEnvelope envelope, string? traceParent = null)
    {
        var headers = new Headers
        {
            { RecordHeaders.EventId, Encoding.UTF8.GetBytes(envelope.EventId.ToString()) },
            { RecordHeaders.EventType, Encoding.UTF8.GetBytes(envelope.EventType) },
            { RecordHeaders.CorrelationId, Encoding.UTF8.GetBytes(envelope.CorrelationId) },
        };
        if (traceParent is not null)
        {
            headers.Add(RecordHeaders.TraceParent, Encoding.UTF8.GetBytes(traceParent));
        }

        headers.Add(RecordHeaders.ContentType, "application/json"u8.ToArray());
        return new Message<string, byte[]> { Key = envelope.OrderId, Value = EnvelopeSerializer.Serialize(envelope), Headers = headers };
    }

    /// <summary>Reads <paramref name="topic"/> from the beginning until <paramref name="done"/> holds or the deadline passes.</summary>
    public static async Task<List<(string Key, IEventEnvelope Envelope)>> ReadUntilAsync(
        string bootstrapServers, string topic, Func<List<(string Key, IEventEnvelope Envelope)>, bool> done, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"test-reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        var records = new List<(string Key, IEventEnvelope Envelope)>();
        await Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, byte[]>(config).Build();
            consumer.Subscribe(topic);
            var deadline = DateTime.UtcNow + timeout;
            while (!done(records) && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
                {
                    var read = EnvelopeSerializer.Deserialize(result.Message.Value);
                    if (read.Succeeded)
                    {
                        records.Add((result.Message.Key, read.Envelope));
                    }
                }
            }

            consumer.Close();
        });
        return records;
    }

    private static IProducer<string, byte[]> CreateProducer(string bootstrapServers) =>
        new ProducerBuilder<string, byte[]>(
            new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, Acks = Acks.All, LingerMs = 5 }).Build();
}
