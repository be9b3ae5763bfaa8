namespace Fulfillment.Benchmarks;

/// <summary>A measured phase: its steady rate, the work counted, and the database transactions it took.</summary>
/// <remarks>Transactions are counted from before the first unit of work, so they include the start-up's few.</remarks>
public sealed record PhaseResult(double Rate, long Work, long Transactions)
{
    public double WorkPerTransaction => Transactions > 0 ? Work / (double)Transactions : 0;
}
