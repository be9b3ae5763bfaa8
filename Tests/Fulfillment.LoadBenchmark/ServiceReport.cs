using System.Globalization;

namespace Fulfillment.LoadBenchmark;

/// <summary>The human-readable report of the per-service consumer benchmark (Markdown, as in docs/benchmarks.md).</summary>
public static class ServiceReport
{
    /// <summary>One line per round as it ends, before the table.</summary>
    public static void PrintRoundLine(ServiceRound r) =>
        Console.WriteLine(Invariant($"round {r.Round}: {r.Events:N0} timed events decided at {Num(r.DecidedPerSecond)}/s (database), published at {Num(r.PublishedPerSecond)}/s (Kafka)") +
            (r.PgBench is { } pg ? Invariant($"; pgbench {pg.SimpleTps:N0} tps simple, {pg.PreparedTps:N0} prepared") : string.Empty));

    public static void Print(ServiceBenchmarkReport report)
    {
        var o = report.Options;
        var first = report.Rounds[0];
        Console.WriteLine();
        Console.WriteLine($"# Per-service consumer benchmark {report.RunId}: {report.Service}");
        Console.WriteLine();
        Console.WriteLine(Invariant($"per round: {first.Layout}, alone on a fresh embedded Kafka and durable PostgreSQL; {first.WarmupEvents:N0} warm-up then {first.Events:N0} timed input events, ") +
            "all produced before the service starts; the timed window runs from the warm-up's last decision in the database to the last decision (database) or its record (Kafka)");
        Console.WriteLine(report.Service == ServiceUnderTest.Delivery.Spec.Name
            ? Invariant($"fleet: {o.Drivers:N0} generated drivers within {o.FleetRadiusKm} km of ({o.FleetLatitude}, {o.FleetLongitude}), addresses within half that; time scale {o.TimeScale}, ETA every {o.EtaInterval}")
            : Invariant($"orders: {o.Lines} line(s) over {o.Skus} SKUs ({(o.HotSkus == 0 ? "uniform" : $"{o.HotShare:P0} on the first {o.HotSkus}")})"));
        Console.WriteLine();
        Console.WriteLine("| round | pgbench tps simple / prepared | start → ready (s) | ready → all decided (s) | **decided orders/s** (database) | ÷ pgbench simple; prepared | published orders/s (Kafka) | ÷ pgbench simple; prepared | outcomes | CPU % of one core over the timed window |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in report.Rounds)
        {
            var outcomes = string.Join(", ", r.Outcomes.Select(x => Invariant($"{x.Key} {x.Value:N0}"))) +
                (r.Waited is { } waited ? Invariant($"; waited for a driver {waited:N0}") : string.Empty);
            var cpu = string.Join(", ", r.CpuPercent.OrderByDescending(c => c.Value).Select(c => Invariant($"{c.Key} {c.Value:F0}")));
            Console.WriteLine(Invariant($"| {r.Round} | {Num(r.PgBench?.SimpleTps)} / {Num(r.PgBench?.PreparedTps)} | {r.StartSeconds:F1} | {Num(r.ReadyToDoneSeconds, "F1")} | ") +
                Invariant($"**{Num(r.DecidedPerSecond)}** | {Ratios(r.DecidedPerSecond, r.PgBench)} | {Num(r.PublishedPerSecond)} | {Ratios(r.PublishedPerSecond, r.PgBench)} | {outcomes} | {cpu} |"));
        }

        Console.WriteLine(Invariant($"| **median** | | | | **{Num(report.MedianDecidedPerSecond)}** | {MedianRatios(report, r => r.DecidedPerSecond)} | {Num(report.MedianPublishedPerSecond)} | {MedianRatios(report, r => r.PublishedPerSecond)} | | |"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"target: ≥ 2,000 orders/s; median decided {Num(report.MedianDecidedPerSecond)}/s: ") +
            (report.MedianDecidedPerSecond >= 2000 ? "met" : "**not met**"));
        foreach (var r in report.Rounds)
        {
            Console.WriteLine();
            Console.WriteLine(Invariant($"round {r.Round}:"));
            Report.PrintLogs(r.Logs, o.Instances);
        }
    }

    private static string Ratios(double? rate, PgBenchResult? pg) =>
        rate is { } x && pg is { SimpleTps: > 0, PreparedTps: > 0 } ? Invariant($"{x / pg.SimpleTps:F2}; {x / pg.PreparedTps:F2}") : "–";

    private static string MedianRatios(ServiceBenchmarkReport report, Func<ServiceRound, double?> rate)
    {
        var simple = ServiceBenchmarkReport.Median(report.Rounds.Select(r => rate(r) / r.PgBench?.SimpleTps));
        var prepared = ServiceBenchmarkReport.Median(report.Rounds.Select(r => rate(r) / r.PgBench?.PreparedTps));
        return simple is { } s && prepared is { } p ? Invariant($"{s:F2}; {p:F2}") : "–";
    }

    private static string Num(double? value, string format = "N0") => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
