using Confluent.Kafka;

namespace Fulfillment.Testing;

/// <summary>
/// A consumer group's committed offsets, read from outside (OffsetFetch, without joining the group). A group commits
/// an offset only once the records before it are handled and their transaction committed, so "committed past this
/// record" is the point after which the record's effects, or their absence, are final.
/// </summary>
public static class GroupOffsets
{
    public static async Task WaitUntilPastAsync(
        string bootstrapServers, string groupId, TopicPartitionOffset record, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
        }).Build();

        await Eventually.ReturnsAsync(
            () => Task.Run(() => consumer.Committed([record.TopicPartition], TimeSpan.FromSeconds(5)).Single().Offset.Value),
            committed => committed > record.Offset.Value,
            timeout,
            $"{groupId} committed past {record}");
    }
}
