namespace Fulfillment.LoadBenchmark;

/// <summary>Everything a per-service consumer benchmark found, as written to <c>result.json</c>.</summary>
public sealed record ServiceBenchmarkReport(string RunId, LoadOptions Options, string Service, IReadOnlyList<ServiceRound> Rounds)
{
    public double? MedianDecidedPerSecond => Median(Rounds.Select(r => r.DecidedPerSecond));

    public double? MedianPublishedPerSecond => Median(Rounds.Select(r => r.PublishedPerSecond));

    /// <summary>The median of the values present (the mean of the middle two for an even count), or null if none is.</summary>
    public static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        return sorted.Count == 0 ? null : (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
