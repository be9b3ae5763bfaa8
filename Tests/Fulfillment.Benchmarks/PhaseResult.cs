namespace Fulfillment.Benchmarks;

/// <summary>A measured phase: its steady rate, the work counted, and the database transactions it took.</summary>
/// <remarks>Transactions include the measuring queries' own (one per poll), so they slightly overstate the phase's.</remarks>
public sealed record PhaseResult(double Rate, long Work, long Transactions)
{
    public double WorkPerTransaction => Transactions > 0 ? Work / (double)Transactions : 0;
}
