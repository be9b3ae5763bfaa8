namespace Fulfillment.Testing;

/// <summary>
/// One record as kcat (an independent, non-.NET Kafka client) read it. <see cref="Headers"/> keep wire order and
/// may repeat a name.
/// </summary>
public sealed record KcatRecord(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    string? Payload,
    IReadOnlyList<KeyValuePair<string, string?>> Headers,
    DateTimeOffset? Timestamp)
{
    /// <summary>The last value of header <paramref name="name"/> (as Kafka clients read it), or null.</summary>
    public string? Header(string name) =>
        Headers.LastOrDefault(header => string.Equals(header.Key, name, StringComparison.Ordinal)).Value;
}
