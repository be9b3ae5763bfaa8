using System.Globalization;

namespace Fulfillment.WatcherBenchmark;

/// <summary>One step: <see cref="Watchers"/> connected, how many pushes they got of how many updates, and the latencies.</summary>
/// <remarks>
/// An update a watcher did not get on its own is not lost: its queue dropped it for a newer state of the same order
/// (or the dispatch read that newer state first), which the page shows instead. Received/expected says how often that happened.
/// </remarks>
public sealed record StepResult(int Watchers, long Expected, long Received, int Failures, double P50, double P95, double P99, double Max, double UnderThreshold)
{
    public static StepResult Of(int watchers, long expected, List<double> latencies, int failures, TimeSpan threshold)
    {
        latencies.Sort();
        double At(double share) =>
            latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)(share * latencies.Count))];
        var under = latencies.Count == 0 ? 0 : latencies.Count(l => l < threshold.TotalMilliseconds) / (double)latencies.Count;
        return new StepResult(watchers, expected, latencies.Count, failures, At(0.50), At(0.95), At(0.99), latencies.Count == 0 ? double.NaN : latencies[^1], under);
    }

    public bool Holds(TimeSpan threshold) => Failures == 0 && Received > 0 && P99 < threshold.TotalMilliseconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Watchers,7} {Received,9}/{Expected,-9} {Failures,5} {P50,8:F0} {P95,8:F0} {P99,8:F0} {Max,8:F0} {UnderThreshold,8:P1}");
}
