using Confluent.Kafka;
using Fulfillment.Messages;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// Consumer lag from outside the services: per group, the high watermark of every partition it reads minus the
/// offset it committed (ListOffsets and OffsetFetch, which the embedded broker answers; it has no admin API). A
/// partition without a commit yet counts from its low watermark. Also the records waiting in the dead-letter topics.
/// </summary>
public sealed class KafkaLagProbe : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<ConsumerGroupSpec, IConsumer<Ignore, Ignore>> _consumers = [];
    private readonly Dictionary<string, List<TopicPartition>> _partitions = new(StringComparer.Ordinal);

    public KafkaLagProbe(string bootstrapServers)
    {
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build())
        {
            var metadata = admin.GetMetadata(Timeout);
            foreach (var topic in Topics.All)
            {
                var known = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
                _partitions[topic] = known is null ? [] : [.. known.Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
            }
        }

        foreach (var group in Groups)
        {
            _consumers[group] = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                // Only asks the group's coordinator for its committed offsets: it never subscribes, so never joins.
                GroupId = group.GroupId,
                EnableAutoCommit = false,
            }).Build();
        }
    }

    /// <summary>Every group of the platform (grep <c>AddConsumerGroup</c> in Services/).</summary>
    public static IReadOnlyList<ConsumerGroupSpec> Groups { get; } =
    [
        new("inventory-service", "inv", [Topics.OrderEvents, Topics.PaymentEvents]),
        new("payment-service", "pay", [Topics.InventoryEvents]),
        new("delivery-service", "del", [Topics.PaymentEvents]),
        new("order-service", "ord", [Topics.InventoryEvents, Topics.PaymentEvents, Topics.DeliveryEvents]),
        new("invoice-service", "inv-i", [Topics.OrderEvents]),
        new("notification-service", "note", [Topics.OrderEvents, Topics.InventoryEvents, Topics.PaymentEvents, Topics.DeliveryEvents, Topics.InvoiceEvents]),
        new("query-api", "read", Topics.Raw),
        new("query-api-saga", "saga", Topics.Raw),
        new("query-api-dlq", "dlq-g", Topics.DeadLetter),
    ];

    /// <summary>Lag per group id, and the records in the dead-letter topics; a group that cannot be read is left out.</summary>
    public (Dictionary<string, long> Lag, long DeadLetters) Sample()
    {
        var high = new Dictionary<TopicPartition, WatermarkOffsets>();
        var anyConsumer = _consumers.Values.First();
        foreach (var partition in _partitions.Values.SelectMany(p => p))
        {
            high[partition] = anyConsumer.QueryWatermarkOffsets(partition, Timeout);
        }

        var lag = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (group, consumer) in _consumers)
        {
            try
            {
                var partitions = group.Topics.SelectMany(t => _partitions[t]).ToList();
                lag[group.GroupId] = consumer.Committed(partitions, Timeout).Sum(committed =>
                {
                    var marks = high[committed.TopicPartition];
                    var from = committed.Offset.Value >= 0 ? committed.Offset.Value : marks.Low.Value;
                    return Math.Max(0, marks.High.Value - from);
                });
            }
            catch (KafkaException)
            {
                // A coordinator that does not answer now is a gap in the table, not a failed run.
            }
        }

        var deadLetters = Topics.DeadLetter.SelectMany(t => _partitions[t]).Sum(p => high[p].High.Value - high[p].Low.Value);
        return (lag, deadLetters);
    }

    public void Dispose()
    {
        foreach (var consumer in _consumers.Values)
        {
            consumer.Dispose();
        }
    }
}
