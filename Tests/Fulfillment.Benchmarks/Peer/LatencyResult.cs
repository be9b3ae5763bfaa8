namespace Fulfillment.Benchmarks.Peer;

/// <summary>Per event, produce → handled → outbound event readable on its topic, in milliseconds, at a fixed rate.</summary>
public sealed record LatencyResult(string Variant, int Rate, int Events, double P50, double P95, double P99, double Max);
