namespace Fulfillment.Testing;

/// <summary>
/// A Kafka for a test, whichever <see cref="TestInfrastructure"/> chose: the embedded broker
/// (<see cref="EmbeddedTestKafka"/>) or a broker in a container (<see cref="ContainerTestKafka"/>). What a test may
/// rely on: clients bootstrap at <see cref="BootstrapServers"/>, the platform's topics exist, and it can add topics.
/// </summary>
/// <remarks>Tests of the embedded broker itself (faults, forwarder, kcat on the mock) use <c>EmbeddedKafkaCluster</c> directly.</remarks>
public interface ITestKafka : IAsyncDisposable
{
    /// <summary>Where clients bootstrap (<c>host:port</c>), from this process and from processes it starts.</summary>
    string BootstrapServers { get; }

    /// <summary>Creates a topic with <paramref name="partitions"/> partitions (replication factor 1).</summary>
    Task CreateTopicAsync(string name, int partitions, CancellationToken cancellationToken = default);
}
