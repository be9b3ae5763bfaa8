namespace Fulfillment.Benchmarks.Peer;

/// <summary>
/// Everything the comparison measured: pgbench before the rounds, the consumer rounds, the latency per variant, and
/// the relay rounds, each with the peer's durable sender on the same records.
/// </summary>
public sealed record PeerResults(string PeerName, double Tps, List<PeerRound> Rounds, List<LatencyResult> Latency, List<RelayRound> Outbox);
