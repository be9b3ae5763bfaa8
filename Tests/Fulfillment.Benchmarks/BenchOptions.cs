using System.Globalization;

namespace Fulfillment.Benchmarks;

/// <summary>
/// The benchmark's command line: <c>--events 20000 --keys 1000 --pgbench-seconds 5 --lanes 8 --batch 200 --rounds 5</c>,
/// and for the comparison with a peer framework <c>--peer wolverine --latency-rate 500 --latency-seconds 10</c>.
/// </summary>
public sealed record BenchOptions(
    int Events, int Keys, int PgBenchSeconds, int Lanes, int Batch, int Rounds, string? Peer = null, int LatencyRate = 500, int LatencySeconds = 10,
    bool PeerOutbox = false)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Text(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        int Option(string name, int fallback) => Text(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        return new BenchOptions(
            Events: Option("--events", 20_000),
            Keys: Option("--keys", 1_000),
            PgBenchSeconds: Option("--pgbench-seconds", 5),
            Lanes: Option("--lanes", 8),
            Batch: Option("--batch", 200),
            Rounds: Option("--rounds", 5),
            Peer: Text("--peer"),
            LatencyRate: Option("--latency-rate", 500),
            LatencySeconds: Option("--latency-seconds", 10),
            PeerOutbox: Option("--peer-outbox", 0) == 1);
    }
}
