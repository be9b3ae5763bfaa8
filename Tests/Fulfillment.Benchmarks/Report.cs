using System.Globalization;

namespace Fulfillment.Benchmarks;

/// <summary>The benchmark's results as a Markdown table (for docs/benchmarks.md), then what the runtime spent.</summary>
public static class Report
{
    public static void Print(BenchOptions options, IReadOnlyDictionary<BenchMode, List<ConsumerRound>> consumer, List<RelayRound> relay)
    {
        var pgbenchRuns = consumer.Values.SelectMany(rounds => rounds).ToList();
        var relayMedian = Median(relay, r => r.Relay.Rate);
        var recordsPerRound = RelayBenchmark.Copies * options.Events;

        Console.WriteLine();
        Console.WriteLine("| measurement | rate | target | ratio |");
        Console.WriteLine("|---|---:|---|---:|");
        Console.WriteLine($"| pgbench simple-update, 8 clients, default simple query mode (tps, median of {pgbenchRuns.Count} runs of {options.PgBenchSeconds} s, one before each timed consumer pass) | {Median(pgbenchRuns, r => r.Tps).Tps:N0} | reference | |");
        Console.WriteLine($"| pgbench simple-update, 8 clients, prepared statements (`-M prepared`; tps, median of {pgbenchRuns.Count} runs) | {Median(pgbenchRuns, r => r.PreparedTps).PreparedTps:N0} | for comparison | |");
        foreach (var (mode, rounds) in consumer)
        {
            var median = Median(rounds, r => r.Pass.Rate);
            Console.WriteLine($"| consumer host, inbox + {Describe(mode)} + outbox row (events/s, median of {rounds.Count} timed passes of {options.Events:N0}; " +
                $"{median.Pass.WorkPerTransaction:F0} events per transaction) | {median.Pass.Rate:N0} | ≥ 2 × pgbench | " +
                $"**{Median(rounds, r => r.Ratio).Ratio:F2}** × pgbench (passes: {List(rounds, r => r.Ratio)}); " +
                $"{Median(rounds, r => r.PreparedRatio).PreparedRatio:F2} × prepared ({List(rounds, r => r.PreparedRatio)}) |");
        }

        Console.WriteLine($"| raw Confluent.Kafka producer, idempotent, acks=all, same records (records/s, median of {relay.Count} rounds of {recordsPerRound:N0}) | {Median(relay, r => r.RawRate).RawRate:N0} | reference | |");
        Console.WriteLine($"| outbox relay: read, produce, acknowledge, delete (records/s, median of {relay.Count} rounds of {recordsPerRound:N0}) | {relayMedian.Relay.Rate:N0} | ≥ 0.5 × raw | " +
            $"**{Median(relay, r => r.Ratio).Ratio:F2}** × raw (rounds: {List(relay, r => r.Ratio)}) |");
        Console.WriteLine();
        foreach (var (mode, rounds) in consumer)
        {
            Console.WriteLine($"consumer host, {Describe(mode)}, median pass: {Runtime(Median(rounds, r => r.Pass.Rate).Pass, "event")}");
        }

        Console.WriteLine($"outbox relay, median round: {Runtime(relayMedian.Relay, "record")}");
    }

    private static T Median<T>(List<T> items, Func<T, double> by) => items.OrderBy(by).ElementAt(items.Count / 2);

    private static string List<T>(List<T> items, Func<T, double> ratio) =>
        string.Join(", ", items.Select(item => ratio(item).ToString("F2", CultureInfo.InvariantCulture)));

    private static string Describe(BenchMode mode) => mode == BenchMode.InsertRow ? "one row inserted" : "one row updated";

    private static string Runtime(PhaseResult result, string unit) =>
        $"{result.BytesPerUnit / 1024:F1} KiB allocated per {unit}; garbage collection paused the process {result.GcPauseShare:P0} of the time; " +
        $"the JIT compiled {result.MethodsCompiled:N0} methods ({result.CompilationShare:P0} of the time)";
}
