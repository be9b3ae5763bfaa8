using System.Globalization;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>The comparison's results as Markdown tables (for docs/benchmarks.md).</summary>
public static class PeerReport
{
    public static void Print(BenchOptions options, PeerResults results)
    {
        var peer = results.PeerName;
        Console.WriteLine();
        Console.WriteLine($"{options.Events:N0} events per pass, {options.Keys:N0} keys, {options.Lanes} lanes / parallel messages, batches of {options.Batch}; " +
            $"pgbench simple-update {results.Tps:N0} tps before the rounds");
        Console.WriteLine();
        Console.WriteLine($"| round | chassis events/s | {peer} events/s | chassis ÷ {peer} | KiB allocated per event, chassis / {peer} | JIT methods in the pass, chassis / {peer} |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < results.Rounds.Count; i++)
        {
            var round = results.Rounds[i];
            Console.WriteLine($"| {i + 1} | {round.Chassis.Rate:N0} | {round.Peer.Rate:N0} | {round.Ratio:F2} | " +
                $"{Kib(round.Chassis)} / {Kib(round.Peer)} | {round.Chassis.Handled.MethodsCompiled:N0} / {round.Peer.Handled.MethodsCompiled:N0} |");
        }

        Console.WriteLine($"| **median** | **{Median(results.Rounds, r => r.Chassis.Rate):N0}** | **{Median(results.Rounds, r => r.Peer.Rate):N0}** | " +
            $"**{Median(results.Rounds, r => r.Ratio):F2}** | {Median(results.Rounds, r => r.Chassis.Handled.BytesPerUnit) / 1024:F1} / " +
            $"{Median(results.Rounds, r => r.Peer.Handled.BytesPerUnit) / 1024:F1} | |");
        Console.WriteLine();
        Console.WriteLine("| latency, produce → outbound event read | rate | events | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var latency in results.Latency)
        {
            Console.WriteLine($"| {latency.Variant} | {latency.Rate:N0}/s | {latency.Events:N0} | {latency.P50:F1} | {latency.P95:F1} | {latency.P99:F1} | {latency.Max:F1} |");
        }

        if (results.Outbox.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"| outbox alone, {RelayBenchmark.Copies * options.Events:N0} records per round | chassis relay records/s | {peer} durable sender records/s | relay ÷ {peer} | raw producer records/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        for (var i = 0; i < results.Outbox.Count; i++)
        {
            var round = results.Outbox[i];
            Console.WriteLine($"| round {i + 1} | {round.Relay.Rate:N0} | {round.PeerRate:N0} | {round.Relay.Rate / round.PeerRate:F2} | {round.RawRate:N0} |");
        }

        Console.WriteLine($"| **median** | **{Median(results.Outbox, r => r.Relay.Rate):N0}** | **{Median(results.Outbox, r => r.PeerRate ?? 0):N0}** | " +
            $"**{Median(results.Outbox, r => r.Relay.Rate / (r.PeerRate ?? 1)):F2}** | {Median(results.Outbox, r => r.RawRate):N0} |");
    }

    private static string Kib(PeerPass pass) => (pass.Handled.BytesPerUnit / 1024).ToString("F1", CultureInfo.InvariantCulture);

    private static double Median<T>(List<T> items, Func<T, double> by) => items.Select(by).Order().ElementAt(items.Count / 2);
}
