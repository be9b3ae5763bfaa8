namespace Fulfillment.Messaging.Consuming;

/// <summary>How many records of one assigned partition a consumer group has still to read.</summary>
internal sealed record PartitionLag(string Topic, int Partition, long Lag);
