using System.Diagnostics;
using System.Globalization;
using Fulfillment.LoadBenchmark;
using Npgsql;

namespace Fulfillment.FaultSuite;

/// <summary>
/// Runs scenarios one after the other on one platform (the load benchmark's <see cref="LocalPlatform"/>: the broker
/// and the services as processes, durable PostgreSQL). Each scenario: open-loop load at <see cref="FaultSuiteOptions.Rate"/>;
/// the fault after <see cref="FaultSuiteOptions.FaultAfterSeconds"/>; the load stops; the platform drains; invariants.
/// </summary>
public sealed class FaultSuiteRun(FaultSuiteOptions options, TextWriter progress)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(IReadOnlyList<FaultScenario> scenarios, CancellationToken cancellationToken)
    {
        var load = new LoadOptions { Rate = options.Rate, Skus = 10, MaxInFlight = 2000 };
        Directory.CreateDirectory(options.LogDirectory);
        var clock = Stopwatch.StartNew();
        var (platform, running) = await LocalPlatform.StartAsync(load, options.LogDirectory);
        await using var disposePlatform = platform;
        Write($"platform ready in {clock.Elapsed.TotalSeconds:F0} s: {running.Layout}; logs in {options.LogDirectory}");

        var sources = running.Databases.ToDictionary(d => d.Key, d => NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(d.Value) { MaxPoolSize = 4, ApplicationName = "fault-suite" }.ConnectionString), StringComparer.Ordinal);
        try
        {
            using var kafkaAdmin = new HttpClient { BaseAddress = platform.KafkaAdminUrl, Timeout = TimeSpan.FromSeconds(10) };
            using var orders = new HttpClient { BaseAddress = running.OrderUrl, Timeout = TimeSpan.FromSeconds(30) };
            var tracker = new OrderTracker(sources["query-api"]);
            var context = new FaultContext(platform, kafkaAdmin, sources["query-api"], orders, tracker);
            var driver = new OpenLoopDriver(orders, new OrderBodyFactory(load, "faults-" + DateTimeOffset.UtcNow.ToUnixTimeSeconds()), tracker, load);
            var invariants = new Invariants(sources, [.. Enumerable.Range(1, load.Skus).Select(OrderBodyFactory.Sku)], LocalPlatform.GeneratedUnitsPerSku);
            var results = new List<ScenarioResult>();
            foreach (var scenario in scenarios)
            {
                results.Add(await RunScenarioAsync(scenario, context, driver, tracker, invariants, cancellationToken));
            }

            return results;
        }
        finally
        {
            foreach (var source in sources.Values)
            {
                await source.DisposeAsync();
            }
        }
    }

    private async Task<ScenarioResult> RunScenarioAsync(
        FaultScenario scenario, FaultContext context, OpenLoopDriver driver, OrderTracker tracker, Invariants invariants, CancellationToken cancellationToken)
    {
        Write($"{scenario.Name}: {options.Rate:N0} orders/s for {options.LoadSeconds} s, fault after {options.FaultAfterSeconds} s: {scenario.Fault}");
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var polling = PollAsync(tracker, context.QueryDatabase, stopPolling.Token);
        var loading = driver.RunAsync(options.Rate, TimeSpan.FromSeconds(options.LoadSeconds), TimeSpan.Zero, cancellationToken);

        await Task.Delay(TimeSpan.FromSeconds(options.FaultAfterSeconds), cancellationToken);
        var repaired = await scenario.Inject(context, cancellationToken);
        var inFlight = tracker.OpenOrders();
        Write($"{scenario.Name}: repaired; {inFlight.Count} orders in flight");

        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var recovering = RecoveryAsync(tracker, inFlight, repaired, giveUp.Token);
        var outcomes = await loading;
        giveUp.CancelAfter(TimeSpan.FromSeconds(options.DrainTimeoutSeconds));
        var recovery = await recovering;
        while (tracker.Outstanding > 0 && !giveUp.IsCancellationRequested)
        {
            await Task.Delay(PollInterval, CancellationToken.None);
        }

        await stopPolling.CancelAsync();
        await polling;
        var accepted = outcomes.Where(o => o.Accepted).Select(o => o.OrderId!).ToList();
        var report = await SettledInvariantsAsync(invariants, accepted, context, cancellationToken);
        if (!context.CancelAnswers.IsEmpty)
        {
            var first = context.CancelAnswers.Values.Select(a => a.TryPeek(out var code) ? code : 0).ToList();
            Write($"{scenario.Name}: {first.Count} orders cancelled by customers, {first.Count(c => c == 202)} accepted, " +
                $"{first.Count(c => c == 409)} refused (too late); they ended {await OutcomesAsync(context, cancellationToken)}");
        }

        var result = new ScenarioResult(scenario.Name, scenario.Fault, options.Rate, outcomes.Count, accepted.Count, recovery, inFlight.Count, report);
        Write($"{scenario.Name}: {accepted.Count}/{outcomes.Count} accepted, lost {report.Lost}, duplicated {report.Duplicated}, recovery " +
            (recovery is { } r ? $"{r:F1} s" : "not within the drain timeout") +
            (result.Passed ? "" : "; VIOLATED: " + string.Join("; ", report.Violations())));
        return result;
    }

    /// <summary>
    /// The saga and the read model converge through the same consumer; right after the drain, deliveries still
    /// completing (and compensations: a refund follows its verdict) can be caught between two events. Re-check a few times before calling a disagreement a violation.
    /// </summary>
    private static async Task<InvariantReport> SettledInvariantsAsync(Invariants invariants, List<string> accepted, FaultContext context, CancellationToken cancellationToken)
    {
        var report = await invariants.CheckAsync(accepted, context, cancellationToken);
        for (var attempt = 0; attempt < 10 && report.Violations().Any(); attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            report = await invariants.CheckAsync(accepted, context, cancellationToken);
        }

        return report;
    }

    private static async Task<string> OutcomesAsync(FaultContext context, CancellationToken cancellationToken)
    {
        await using var command = context.QueryDatabase.CreateCommand(
            "SELECT string_agg(status || ' ' || n, ', ' ORDER BY n DESC) FROM (SELECT status, count(*) AS n FROM orders WHERE order_id = ANY(@ids) GROUP BY status) s");
        command.Parameters.AddWithValue("ids", context.CancelAnswers.Keys.ToArray());
        return (await command.ExecuteScalarAsync(cancellationToken)) as string ?? "nowhere";
    }

    /// <summary>Seconds from the repair until none of <paramref name="inFlight"/> is open; null if that did not happen before <paramref name="giveUp"/>.</summary>
    private static async Task<double?> RecoveryAsync(OrderTracker tracker, IReadOnlyList<string> inFlight, DateTimeOffset repaired, CancellationToken giveUp)
    {
        while (!giveUp.IsCancellationRequested)
        {
            if (inFlight.All(id => !tracker.IsOpen(id)))
            {
                return (DateTimeOffset.UtcNow - repaired).TotalSeconds;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        return null;
    }

    private static async Task PollAsync(OrderTracker tracker, NpgsqlDataSource queryDatabase, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await tracker.PollAsync(cancellationToken);
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException)
            {
                queryDatabase.Clear();
                // PostgreSQL is down in the postgres-restart scenario: the tracker catches up once it is back.
                await Task.Delay(PollInterval, CancellationToken.None);
            }
        }
    }

    private void Write(FormattableString line) => Write(line.ToString(CultureInfo.InvariantCulture));

    private void Write(string line) => progress.WriteLine($"faults {DateTimeOffset.UtcNow:HH:mm:ss} {line}");
}
