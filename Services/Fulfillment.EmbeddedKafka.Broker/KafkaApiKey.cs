namespace Fulfillment.EmbeddedKafka.Broker;

/// <summary>
/// Kafka protocol request types (ApiKey) that fault injection targets: the requests a producer, a consumer and a
/// consumer group send. The numbers are the protocol's, so any other key can be passed as <c>(KafkaApiKey)n</c>.
/// </summary>
public enum KafkaApiKey : short
{
    Produce = 0,
    Fetch = 1,
    ListOffsets = 2,
    Metadata = 3,
    OffsetCommit = 8,
    OffsetFetch = 9,
    FindCoordinator = 10,
    JoinGroup = 11,
    Heartbeat = 12,
    LeaveGroup = 13,
    SyncGroup = 14,
    InitProducerId = 22,
}
