namespace Fulfillment.LoadBenchmark;

/// <summary>A process whose CPU time the benchmark reads (a service instance, the broker), with its log if it has one.</summary>
public sealed record MeasuredProcess(string Name, string Service, Func<int?> ProcessId, string? LogPath);
