using System.Globalization;

namespace Fulfillment.Benchmarks;

/// <summary>
/// The benchmark's command line: <c>--events 20000 --keys 1000 --pgbench-seconds 5 --lanes 8 --batch 200 --rounds 5</c>.
/// </summary>
public sealed record BenchOptions(int Events, int Keys, int PgBenchSeconds, int Lanes, int Batch, int Rounds)
{
    public static BenchOptions Parse(string[] args)
    {
        int Option(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchOptions(
            Events: Option("--events", 20_000),
            Keys: Option("--keys", 1_000),
            PgBenchSeconds: Option("--pgbench-seconds", 5),
            Lanes: Option("--lanes", 8),
            Batch: Option("--batch", 200),
            Rounds: Option("--rounds", 5));
    }
}
