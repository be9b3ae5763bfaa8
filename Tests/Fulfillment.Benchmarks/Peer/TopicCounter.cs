using Confluent.Kafka;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>
/// Records on a topic: the sum of its partitions' high watermarks (ListOffsets, which the embedded broker answers;
/// nothing writes transactionally, so every offset is a record). Used to check that every outbound event reached
/// Kafka, exactly once.
/// </summary>
public sealed class TopicCounter(string bootstrapServers) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly IConsumer<Ignore, Ignore> _consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
    {
        BootstrapServers = bootstrapServers,
        GroupId = "bench-topic-counter", // never subscribes, so never joins
    }).Build();

    private readonly Dictionary<string, List<TopicPartition>> _partitions = new(StringComparer.Ordinal);

    public IReadOnlyList<TopicPartition> Partitions(string topic)
    {
        if (!_partitions.TryGetValue(topic, out var partitions))
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
            var metadata = admin.GetMetadata(topic, Timeout).Topics.Single();
            partitions = [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
            _partitions[topic] = partitions;
        }

        return partitions;
    }

    public long Count(string topic) => Partitions(topic).Sum(partition => HighWatermark(partition));

    public long HighWatermark(TopicPartition partition) => _consumer.QueryWatermarkOffsets(partition, Timeout).High.Value;

    /// <summary>Polls until <paramref name="topic"/> holds <paramref name="count"/> records; throws past the timeout.</summary>
    public async Task WaitForAsync(string topic, long count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long seen;
        while ((seen = Count(topic)) < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{topic} holds {seen:N0} records, expected {count:N0}.");
            }

            await Task.Delay(20);
        }
    }

    public void Dispose() => _consumer.Dispose();
}
