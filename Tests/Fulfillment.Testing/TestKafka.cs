using Fulfillment.EmbeddedKafka.Broker;
using Fulfillment.Messages;

namespace Fulfillment.Testing;

/// <summary>Embedded Kafka clusters with every topic of the platform created up front.</summary>
public static class TestKafka
{
    private static readonly Lock Gate = new();
    private static EmbeddedKafkaCluster? _shared;

    /// <summary>
    /// The assembly's shared cluster (6 partitions a topic), started on first use and stopped by
    /// <see cref="SharedInfrastructure.StopAsync"/>. For tests that keep apart by key or consumer group.
    /// </summary>
    public static EmbeddedKafkaCluster Shared
    {
        get
        {
            lock (Gate)
            {
                return _shared ??= Start();
            }
        }
    }

    /// <summary>A cluster of the test's own, for tests that read whole topics or commit offsets; the caller disposes it.</summary>
    public static EmbeddedKafkaCluster Start(int partitions = 6) =>
        EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Topics = [.. Topics.All], Partitions = partitions });

    /// <summary>Stops the shared cluster if one was started.</summary>
    public static async Task StopSharedAsync()
    {
        EmbeddedKafkaCluster? shared;
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
