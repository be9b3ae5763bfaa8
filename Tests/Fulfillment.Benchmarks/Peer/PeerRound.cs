namespace Fulfillment.Benchmarks.Peer;

/// <summary>A round: one timed pass of each variant on the same records, one after the other.</summary>
public sealed record PeerRound(PeerPass Chassis, PeerPass Peer)
{
    public double Ratio => Chassis.Rate / Peer.Rate;
}
