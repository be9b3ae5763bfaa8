namespace Fulfillment.LoadBenchmark;

/// <summary>What one process' log says: lines per alarm pattern, and the partitions of its last assignment.</summary>
/// <remarks><c>Counts</c>: Pattern → lines containing it. <c>LastAssignment</c>: Partitions of the last "assigned" line per consumer group seen in the log (empty if none).</remarks>
public sealed record LogFindings(string Process, string Service, string Path, IReadOnlyDictionary<string, long> Counts, IReadOnlyList<string> LastAssignment);
