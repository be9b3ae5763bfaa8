using Confluent.Kafka;

namespace Fulfillment.Messaging.Tests.Support;

/// <summary>Reads a topic from the beginning, as an independent client would.</summary>
public static class TopicReader
{
    public static async Task<IReadOnlyList<ConsumeResult<string?, byte[]?>>> ReadAsync(
        string bootstrapServers, string topic, int expected, TimeSpan timeout) =>
        await ReadUntilAsync(bootstrapServers, topic, records => records.Count >= expected, timeout);

    /// <summary>Reads until <paramref name="done"/> holds for what was read, or the deadline passes.</summary>
    public static async Task<List<ConsumeResult<string?, byte[]?>>> ReadUntilAsync(
        string bootstrapServers, string topic, Func<List<ConsumeResult<string?, byte[]?>>, bool> done, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        };
        using var consumer = new ConsumerBuilder<string?, byte[]?>(config).Build();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build())
        {
            // Assign every partition directly: no group join, so reading starts at once.
            var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)));
        }

        var records = new List<ConsumeResult<string?, byte[]?>>();
        var deadline = DateTime.UtcNow + timeout;
        await Task.Run(() =>
        {
            while (!done(records) && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
                {
                    records.Add(result);
                }
            }
        });
        return records;
    }
}
