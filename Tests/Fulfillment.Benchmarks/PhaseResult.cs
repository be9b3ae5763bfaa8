namespace Fulfillment.Benchmarks;

/// <summary>
/// A measured phase: its steady rate, the work counted, the database transactions it took, and what the .NET runtime
/// spent on it (managed bytes allocated per unit of work, share of the phase the garbage collector paused the process,
/// methods the JIT compiled during the phase and the share of the phase's time they took).
/// </summary>
/// <remarks>Transactions are counted from before the first unit of work, so they include the start-up's few.</remarks>
public sealed record PhaseResult(double Rate, long Work, long Transactions, double BytesPerUnit, double GcPauseShare, long MethodsCompiled, double CompilationShare)
{
    public double WorkPerTransaction => Transactions > 0 ? Work / (double)Transactions : 0;
}
