namespace Fulfillment.Benchmarks;

/// <summary>One relay round and the raw producer's rate on the same records right after it.</summary>
public sealed record RelayRound(PhaseResult Relay, double RawRate)
{
    public double Ratio => Relay.Rate / RawRate;
}
