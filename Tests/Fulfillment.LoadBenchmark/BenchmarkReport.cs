namespace Fulfillment.LoadBenchmark;

/// <summary>Everything a run found, as written to <c>result.json</c>.</summary>
/// <remarks><c>HighestSustainableRate</c>: find-max only: the rate of the last sustainable step (null: none was).</remarks>
public sealed record BenchmarkReport(
    string RunId,
    LoadOptions Options,
    string Layout,
    bool Target,
    PgBenchResult? PgBench,
    IReadOnlyList<LoadResult> Results,
    double? HighestSustainableRate,
    IReadOnlyList<LogFindings> Logs,
    IReadOnlyList<BacklogSample> Samples);
