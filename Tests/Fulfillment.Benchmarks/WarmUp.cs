namespace Fulfillment.Benchmarks;

/// <summary>
/// When a host counts as warm. Tiered compilation (tier 0, then instrumented for profile-guided optimisation, then
/// tier 1) takes tens of thousands of events to settle, and a pass timed before that measures the JIT compiler as much
/// as the chassis. So each phase repeats untimed passes until one makes the JIT compile fewer than
/// <see cref="QuietMethods"/> methods, and only then times; the decision is made before a timed pass starts, never
/// after, so no timed pass is discarded.
/// </summary>
public static class WarmUp
{
    public const int QuietMethods = 50;

    public const int MaxPasses = 8;

    public static bool IsQuiet(PhaseResult pass) => pass.MethodsCompiled < QuietMethods;
}
