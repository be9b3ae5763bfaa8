using System.Runtime;

namespace Fulfillment.Benchmarks;

/// <summary>
/// The process's managed allocations, garbage-collection pauses and JIT compilations so far; subtract two to get a
/// phase's.
/// </summary>
public readonly record struct RuntimeLoad(long AllocatedBytes, TimeSpan GcPause, long MethodsCompiled, TimeSpan CompilationTime)
{
    public static RuntimeLoad Now() => new(
        GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public static RuntimeLoad operator -(RuntimeLoad later, RuntimeLoad earlier) => new(
        later.AllocatedBytes - earlier.AllocatedBytes,
        later.GcPause - earlier.GcPause,
        later.MethodsCompiled - earlier.MethodsCompiled,
        later.CompilationTime - earlier.CompilationTime);
}
