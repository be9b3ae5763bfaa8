namespace Fulfillment.Testing;

/// <summary>
/// What <c>kcat -L</c> reported about a cluster: the brokers' advertised <c>host:port</c> addresses and the
/// partition count of each topic.
/// </summary>
public sealed record KcatMetadata(IReadOnlyList<string> Brokers, IReadOnlyDictionary<string, int> TopicPartitions);
