namespace Fulfillment.EmbeddedKafka.Broker;

/// <summary>How <see cref="EmbeddedKafkaCluster.Start"/> lays out the mock cluster.</summary>
public sealed class EmbeddedKafkaOptions
{
    /// <summary>Mock brokers, each on its own 127.0.0.1 ephemeral port.</summary>
    public int Brokers { get; set; } = 1;

    /// <summary>Partitions of every topic in <see cref="Topics"/>.</summary>
    public int Partitions { get; set; } = 6;

    /// <summary>Topics created before the cluster is handed out (replication factor 1).</summary>
    public IList<string> Topics { get; init; } = [];

    /// <summary>
    /// A fixed loopback port (such as 9092) forwarded to the first broker, so clients can bootstrap at a
    /// well-known address; 0 lets the system pick one; null runs no forwarder.
    /// </summary>
    public int? ListenPort { get; set; }
}
