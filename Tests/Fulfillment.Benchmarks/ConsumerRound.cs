namespace Fulfillment.Benchmarks;

/// <summary>One timed consumer pass and the pgbench runs (both query modes) made just before it.</summary>
public sealed record ConsumerRound(PhaseResult Pass, double Tps, double PreparedTps)
{
    public double Ratio => Pass.Rate / Tps;

    public double PreparedRatio => Pass.Rate / PreparedTps;
}
