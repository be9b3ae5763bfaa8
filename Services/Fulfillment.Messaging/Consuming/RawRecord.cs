namespace Fulfillment.Messaging.Consuming;

/// <summary>A Kafka record as it is, for consumers of records that are not (or not necessarily) valid envelopes.</summary>
public sealed record RawRecord(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    byte[]? Value,
    IReadOnlyList<KeyValuePair<string, byte[]>> Headers,
    DateTimeOffset Timestamp);
