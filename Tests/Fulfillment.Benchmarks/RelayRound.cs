namespace Fulfillment.Benchmarks;

/// <summary>One relay round and the raw producer's rate on the same records right after it (and a peer's outbox, if compared).</summary>
public sealed record RelayRound(PhaseResult Relay, double RawRate, double? PeerRate = null)
{
    public double Ratio => Relay.Rate / RawRate;
}
