using Fulfillment.Messages;

namespace Fulfillment.Testing;

/// <summary>
/// Kafka for tests, with every topic of the platform created up front: a broker in a container or the embedded one,
/// as <see cref="TestInfrastructure"/> chose.
/// </summary>
public static class TestKafka
{
    private static readonly Lock Gate = new();
    private static ITestKafka? _shared;

    /// <summary>
    /// The assembly's shared Kafka (6 partitions a topic), started on first use and stopped by
    /// <see cref="SharedInfrastructure.StopAsync"/>. For tests that keep apart by key or consumer group.
    /// </summary>
    /// <remarks>
    /// A property, not a method, because tests read it inline (<c>TestKafka.Shared.BootstrapServers</c>); the first read
    /// waits for a container to start when containers were chosen (NUnit runs it on a thread of its own, nothing to block).
    /// </remarks>
    public static ITestKafka Shared
    {
        get
        {
            lock (Gate)
            {
                return _shared ??= StartAsync().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>A Kafka of the test's own, for tests that read whole topics or commit offsets; the caller disposes it.</summary>
    /// <remarks>On containers, each call starts a broker container: seconds, not the embedded broker's milliseconds.</remarks>
    public static async Task<ITestKafka> StartAsync(int partitions = 6, CancellationToken cancellationToken = default) =>
        TestInfrastructure.Current.UseContainers
            ? await ContainerTestKafka.StartAsync(TestInfrastructure.KafkaImage, Topics.All, partitions, cancellationToken)
            : EmbeddedTestKafka.Start(Topics.All, partitions);

    /// <summary>Stops the shared Kafka if one was started.</summary>
    public static async Task StopSharedAsync()
    {
        ITestKafka? shared;
        lock (Gate)
        {
            shared = _shared;
            _shared = null;
        }

        if (shared is not null)
        {
            await shared.DisposeAsync();
        }
    }
}
