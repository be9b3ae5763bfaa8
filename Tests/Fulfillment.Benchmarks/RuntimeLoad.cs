namespace Fulfillment.Benchmarks;

/// <summary>The process's managed allocations and garbage-collection pauses so far; subtract two to get a phase's.</summary>
public readonly record struct RuntimeLoad(long AllocatedBytes, TimeSpan GcPause)
{
    public static RuntimeLoad Now() => new(GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());

    public static RuntimeLoad operator -(RuntimeLoad later, RuntimeLoad earlier) =>
        new(later.AllocatedBytes - earlier.AllocatedBytes, later.GcPause - earlier.GcPause);
}
