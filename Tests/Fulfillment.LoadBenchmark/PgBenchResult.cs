namespace Fulfillment.LoadBenchmark;

/// <summary>pgbench simple-update (8 clients, scale 10) on the platform's server just before the load, in both query modes.</summary>
public sealed record PgBenchResult(double SimpleTps, double PreparedTps, int Seconds);
