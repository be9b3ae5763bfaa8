using Fulfillment.EmbeddedKafka.Broker;

namespace Fulfillment.Testing;

/// <summary>The embedded broker as an <see cref="ITestKafka"/>; topics are created through the mock's own API (it has no admin API).</summary>
public sealed class EmbeddedTestKafka(EmbeddedKafkaCluster cluster) : ITestKafka
{
    public string BootstrapServers => cluster.BootstrapServers;

    /// <summary>Starts a mock cluster with <paramref name="topics"/>, <paramref name="partitions"/> partitions each.</summary>
    public static EmbeddedTestKafka Start(IEnumerable<string> topics, int partitions) =>
        new(EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Topics = [.. topics], Partitions = partitions }));

    public Task CreateTopicAsync(string name, int partitions, CancellationToken cancellationToken = default)
    {
        cluster.CreateTopic(name, partitions);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => cluster.DisposeAsync();
}
