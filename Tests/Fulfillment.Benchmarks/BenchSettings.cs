namespace Fulfillment.Benchmarks;

public sealed record BenchSettings(BenchMode Mode);
