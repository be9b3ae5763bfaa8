using System.Globalization;

namespace Fulfillment.LoadBenchmark;

/// <summary>The human-readable report at the end of a run (Markdown tables, as in docs/benchmarks.md).</summary>
public static class Report
{
    public static void Print(BenchmarkReport report)
    {
        var o = report.Options;
        Console.WriteLine();
        Console.WriteLine($"# End-to-end load benchmark {report.RunId}");
        Console.WriteLine();
        Console.WriteLine(Invariant($"platform: {(report.Target ? "target (already running)" : "started by the benchmark")}; {report.Layout}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load: {o.Lines} line(s) per order over {o.Skus} SKUs ({(o.HotSkus == 0 ? "uniform" : $"{o.HotShare:P0} on the first {o.HotSkus}")}), " +
            $"{o.Drivers} drivers, time scale {o.TimeScale}, ETA every {o.EtaInterval}, {o.Connections} connections, at most {o.MaxInFlight} in flight"));
        if (report.PgBench is { } pg)
        {
            Console.WriteLine(Invariant($"pgbench simple-update, 8 clients, {pg.Seconds} s each, before the load: {pg.SimpleTps:N0} tps (simple), {pg.PreparedTps:N0} tps (prepared)"));
        }

        if (report.Results.Count > 1 || (report.Results.Count > 0 && report.Results[0].Verdict is not null))
        {
            PrintSteps(report);
        }

        foreach (var result in report.Results)
        {
            PrintResult(result, report.PgBench);
        }

        PrintLogs(report.Logs, o.Instances);
    }

    private static void PrintSteps(BenchmarkReport report)
    {
        Console.WriteLine();
        Console.WriteLine("## Steps (find-max)");
        Console.WriteLine();
        Console.WriteLine("| step | offered/s | accepted/s | errors | POST p50 / p99 ms | end-to-end/s | e2e p50 / p99 ms | backlog at end | slope /s | drained in | sustainable |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in report.Results)
        {
            var v = r.Verdict;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.OfferedPerSecond:N0} | {r.AcceptedPerSecond:N0} | {r.Errors.Values.Sum()} | {r.Post.P50:N0} / {r.Post.P99:N0} | {r.EndToEndPerSecond:N0} | " +
                $"{r.EndToEnd.P50:N0} / {r.EndToEnd.P99:N0} | {v?.BacklogAtEnd} | {v?.BacklogSlopePerSecond:N1} | {(v?.DrainSeconds is { } d ? $"{d:F1} s" : "no")} | " +
                $"{(v is null ? "" : v.Sustainable ? "yes" : "**no**: " + v.Reason)} |"));
        }

        Console.WriteLine();
        Console.WriteLine(report.HighestSustainableRate is { } best
            ? Invariant($"**highest sustainable rate: {best:N0} orders/s** (POST-only: order-service's accepted/s and POST latency are in the same steps)")
            : "no step was sustainable");
    }

    private static void PrintResult(LoadResult r, PgBenchResult? pgbench)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"## {r.Name}: {r.TargetRate:N0} orders/s for {r.Seconds:N0} s"));
        Console.WriteLine();
        Console.WriteLine("| measurement | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine(Invariant($"| offered (POSTs due, per s) | {r.Offered:N0} ({r.OfferedPerSecond:N1}/s) |"));
        Console.WriteLine(Invariant($"| accepted (2xx, per s) | {r.Accepted:N0} ({r.AcceptedPerSecond:N1}/s) |"));
        Console.WriteLine($"| errors by status | {(r.Errors.Count == 0 ? "none" : string.Join(", ", r.Errors.Select(e => $"{e.Key}: {e.Value}")))} |");
        Console.WriteLine($"| POST latency from due time, p50 / p95 / p99 / max (ms) | {Latency(r.Post)} |");
        Console.WriteLine($"| send delay behind schedule, p50 / p99 / max (ms) | {Num(r.SendDelay.P50)} / {Num(r.SendDelay.P99)} / {Num(r.SendDelay.Max)} |");
        Console.WriteLine(Invariant($"| reached delivery.assigned / rejected / never finished | {r.Assigned:N0} / {r.Rejected:N0} / {r.NeverFinished:N0} |"));
        Console.WriteLine(Invariant($"| **end-to-end orders/s** (first POST due → last delivery.assigned visible) | **{r.EndToEndPerSecond:N1}** |"));
        Console.WriteLine($"| **end to end**, POST due → delivery.assigned visible in query-api, p50 / p95 / p99 / max (ms) | **{Latency(r.EndToEnd)}** |");
        if (pgbench is { SimpleTps: > 0 } pg)
        {
            Console.WriteLine(Invariant($"| end-to-end orders/s ÷ pgbench tps (simple; prepared) | {r.EndToEndPerSecond / pg.SimpleTps:F3}; {r.EndToEndPerSecond / pg.PreparedTps:F3} |"));
            Console.WriteLine(Invariant($"| accepted POST/s ÷ pgbench tps (simple; prepared) | {r.AcceptedPerSecond / pg.SimpleTps:F3}; {r.AcceptedPerSecond / pg.PreparedTps:F3} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| hop (occurredAt to occurredAt unless said) | n | p50 | p95 | p99 | max (ms) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (hop, l) in r.Hops)
        {
            Console.WriteLine(Invariant($"| {hop} | {l.Count:N0} | {Num(l.P50)} | {Num(l.P95)} | {Num(l.P99)} | {Num(l.Max)} |"));
        }

        var i = r.Integrity;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"integrity ({i.Orders:N0} accepted orders read back): {(i.Ok ? "OK, nothing lost or duplicated" : "**PROBLEMS**")}; unknown to query-api {i.Unknown}, " +
            $"order.created ≠ 1: {i.CreatedNotOnce}, no inventory outcome: {i.NoInventoryOutcome}, inventory outcome > 1: {i.InventoryOutcomeTwice}, " +
            $"payment outcome > 1: {i.PaymentOutcomeTwice}, delivery.assigned > 1: {i.AssignedTwice}"));
        if (r.CpuPercent.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"CPU over the load window (% of one core; {Environment.ProcessorCount} cores): " +
                string.Join(", ", r.CpuPercent.OrderByDescending(c => c.Value).Select(c => Invariant($"{c.Key} {c.Value:F0}"))) +
                Invariant($"; total {r.CpuPercent.Values.Sum():F0}"));
        }
    }

    public static void PrintLogs(IReadOnlyList<LogFindings> logs, int instances)
    {
        if (logs.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("## Logs");
        Console.WriteLine();
        Console.WriteLine($"| process | {string.Join(" | ", LogScanner.Alarms)} | Exception lines | last partitions assigned |");
        Console.WriteLine($"|---|{string.Concat(LogScanner.Alarms.Select(_ => "---:|"))}---:|---|");
        foreach (var log in logs)
        {
            var partitions = log.LastAssignment.Count == 0 ? "" : Invariant($"{log.LastAssignment.Count}: ") + string.Join("; ", log.LastAssignment
                .Select(p => p.Split(' ', 2)).GroupBy(p => p[0], p => p[1].Trim('[', ']')).Select(g => $"{g.Key} {string.Join(",", g)}"));
            Console.WriteLine($"| {log.Process} | {string.Join(" | ", LogScanner.Alarms.Select(a => log.Counts[a].ToString(CultureInfo.InvariantCulture)))} | {log.Counts["Exception"]} | {partitions} |");
        }

        var alarms = logs.Sum(l => LogScanner.Alarms.Sum(a => l.Counts[a]));
        Console.WriteLine();
        Console.WriteLine(alarms == 0 ? "no deadlock or connection-exhaustion line in any log" : Invariant($"**{alarms} deadlock / connection-exhaustion lines**: see the logs"));
        if (instances > 1)
        {
            foreach (var service in LocalPlatform.Scalable.Select(s => s.Name).Where(s => logs.Any(l => l.Service == s)))
            {
                var members = logs.Where(l => l.Service == service).ToList();
                var shared = members.Count(m => m.LastAssignment.Count > 0);
                Console.WriteLine(Invariant($"{service}: {shared} of {members.Count} instances hold partitions ({string.Join(", ", members.Select(m => $"{m.Process} {m.LastAssignment.Count}"))})"));
            }
        }
    }

    private static string Latency(LatencySummary l) => $"{Num(l.P50)} / {Num(l.P95)} / {Num(l.P99)} / {Num(l.Max)}";

    private static string Num(double value) => double.IsNaN(value) ? "–" : value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
