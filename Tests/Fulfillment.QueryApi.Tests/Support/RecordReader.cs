using Confluent.Kafka;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>Reads one record at a known position with a plain Confluent consumer: exact key, value and header bytes.</summary>
public static class RecordReader
{
    public static Message<string, byte[]> Read(string bootstrapServers, string topic, int partition, long offset)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "query-api-tests-reader",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(topic, partition, offset));
        var result = consumer.Consume(TimeSpan.FromSeconds(30))
            ?? throw new TimeoutException($"No record at {topic}[{partition}]@{offset}");
        consumer.Close();
        return result.Message;
    }
}
