using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Testcontainers.Kafka;

namespace Fulfillment.Testing;

/// <summary>
/// A single-node Kafka in a container (Testcontainers.Kafka, KRaft), removed on dispose; topics are created through
/// Kafka's admin API, as on any real cluster.
/// </summary>
/// <remarks>
/// The module advertises the container's published port on the Docker host, so clients in this process and service
/// processes it starts reach the broker alike. It also sets <c>group.initial.rebalance.delay.ms</c> to 0, as the
/// embedded broker does, so a first consumer gets its partitions at once.
/// </remarks>
public sealed class ContainerTestKafka : ITestKafka
{
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(30);

    private readonly KafkaContainer _container;

    private ContainerTestKafka(KafkaContainer container)
    {
        _container = container;
        // host:port, not the module's "plaintext://host:port/" address: kcat and our own address parsing want the plain form.
        BootstrapServers = $"{container.Hostname}:{container.GetMappedPublicPort(KafkaBuilder.KafkaPort)}";
    }

    public string BootstrapServers { get; }

    /// <summary>Starts <paramref name="image"/> and creates <paramref name="topics"/> with <paramref name="partitions"/> partitions each.</summary>
    public static async Task<ContainerTestKafka> StartAsync(
        string image, IEnumerable<string> topics, int partitions, CancellationToken cancellationToken)
    {
        var container = new KafkaBuilder(image).Build();
        try
        {
            await container.StartAsync(cancellationToken);
            var kafka = new ContainerTestKafka(container);
            await kafka.CreateTopicsAsync(topics.Distinct(StringComparer.Ordinal), partitions, cancellationToken);
            return kafka;
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    public Task CreateTopicAsync(string name, int partitions, CancellationToken cancellationToken = default) =>
        CreateTopicsAsync([name], partitions, cancellationToken);

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    private async Task CreateTopicsAsync(IEnumerable<string> names, int partitions, CancellationToken cancellationToken)
    {
        var specifications = names.Select(name => new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = 1 }).ToList();
        if (specifications.Count == 0)
        {
            return;
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = AdminTimeout, OperationTimeout = AdminTimeout })
            .WaitAsync(cancellationToken);
    }
}
