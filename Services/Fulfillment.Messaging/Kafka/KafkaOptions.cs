namespace Fulfillment.Messaging.Kafka;

/// <summary>Where Kafka is and how topics are laid out (section <c>Kafka</c>).</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>Comma-separated brokers; the embedded cluster and a real Kafka are both just an address here.</summary>
    public string BootstrapServers { get; set; } = "localhost:9092";

    /// <summary>Partitions of each topic the service creates when it is missing.</summary>
    public int Partitions { get; set; } = 6;

    public short ReplicationFactor { get; set; } = 1;

    /// <summary>Create missing <c>raw.*</c> and <c>dlq.*</c> topics at start-up (off where a job owns topics).</summary>
    public bool CreateTopics { get; set; } = true;
}
