using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Fulfillment.LoadBenchmark;

/// <summary>One benchmark against one running platform: a plain run (warm-up, load, drain) or the find-max steps.</summary>
public sealed class LoadSession(LoadOptions options, RunningPlatform platform, string runId, CancellationToken cancellationToken)
{
    private const string FinalDrainPhase = "drain";

    public async Task<BenchmarkReport> RunAsync()
    {
        var pgbench = await PgBenchResult.MeasureAsync(platform.Postgres, options.PgBenchSeconds);

        var sources = platform.Databases.ToDictionary(d => d.Key, d => NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(d.Value) { MaxPoolSize = 4, ApplicationName = "load-benchmark" }.ConnectionString), StringComparer.Ordinal);
        try
        {
            var tracker = new OrderTracker(sources["query-api"]);
            using var lag = new KafkaLagProbe(platform.KafkaBootstrapServers);
            var sampler = new BacklogSampler(tracker, lag, new OutboxProbe(sources), options);
            var cpu = new CpuMeter(platform.Processes, platform.Processes.Count == 0 ? null : await CpuMeter.PostmasterOfAsync(platform.Postgres, cancellationToken));
            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = options.Connections,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            };
            using var orders = new HttpClient(handler, disposeHandler: false) { BaseAddress = platform.OrderUrl, Timeout = TimeSpan.FromSeconds(60) };
            using var query = new HttpClient { BaseAddress = platform.QueryUrl, Timeout = TimeSpan.FromSeconds(30) };
            var driver = new OpenLoopDriver(orders, new OrderBodyFactory(options, runId), tracker, options);
            var collector = new TimelineCollector(query);

            using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sampling = sampler.RunAsync(stopSampling.Token);
            var results = new List<LoadResult>();
            double? best = null;
            try
            {
                if (options.FindMax)
                {
                    best = await FindMaxAsync(driver, sampler, tracker, cpu, collector, results);
                }
                else
                {
                    results.Add(await PlainRunAsync(driver, sampler, tracker, cpu, collector));
                }
            }
            finally
            {
                await stopSampling.CancelAsync();
                await sampling;
            }

            return new BenchmarkReport(runId, options, platform.Layout, options.Target is not null, pgbench, results, best,
                LogScanner.Scan(platform.Processes), sampler.Samples);
        }
        finally
        {
            foreach (var source in sources.Values)
            {
                await source.DisposeAsync();
            }
        }
    }

    private async Task<LoadResult> PlainRunAsync(OpenLoopDriver driver, BacklogSampler sampler, OrderTracker tracker, CpuMeter cpu, TimelineCollector collector)
    {
        Console.WriteLine(Invariant($"load: {options.Rate:N0} orders/s, {options.WarmupSeconds} s warm-up then {options.DurationSeconds} s measured"));
        sampler.Phase = options.WarmupSeconds > 0 ? "warm-up" : "load";
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        var measuring = Task.Run(async () =>
        {
            await Task.Delay(warmup, cancellationToken);
            sampler.Phase = "load";
            cpu.Start();
        }, cancellationToken);
        var outcomes = await driver.RunAsync(options.Rate, warmup + TimeSpan.FromSeconds(options.DurationSeconds), warmup, cancellationToken);
        await measuring;
        var cpuPercent = cpu.Stop();

        sampler.Phase = FinalDrainPhase;
        var drained = await DrainAsync(sampler, tracker, options.Rate, TimeSpan.FromSeconds(options.DrainTimeoutSeconds));
        Console.WriteLine(drained is { } d ? Invariant($"drained {d:F1} s after the load") : Invariant($"not drained after {options.DrainTimeoutSeconds} s: {tracker.Outstanding} orders still open"));
        var counted = outcomes.Where(o => o.Counted).ToList();
        var journeys = await CollectAsync(collector, counted);
        return ResultBuilder.Build("run", options.Rate, counted, journeys, cpuPercent);
    }

    private async Task<double?> FindMaxAsync(
        OpenLoopDriver driver, BacklogSampler sampler, OrderTracker tracker, CpuMeter cpu, TimelineCollector collector, List<LoadResult> results)
    {
        if (options.WarmupSeconds > 0)
        {
            Console.WriteLine(Invariant($"warm-up: {options.StartRate:N0} orders/s for {options.WarmupSeconds} s"));
            sampler.Phase = "warm-up";
            await driver.RunAsync(options.StartRate, TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.MaxValue, cancellationToken);
            await DrainAsync(sampler, tracker, options.StartRate, TimeSpan.FromSeconds(options.DrainTimeoutSeconds));
        }

        double? best = null;
        var rate = options.StartRate;
        for (var step = 1; step <= options.MaxSteps && !cancellationToken.IsCancellationRequested; step++, rate *= options.RateFactor)
        {
            var name = Invariant($"step {step}");
            Console.WriteLine(Invariant($"{name}: {rate:N0} orders/s for {options.StepSeconds} s"));
            sampler.Phase = name;
            cpu.Start();
            var started = sampler.Latest?.Seconds ?? 0;
            var outcomes = await driver.RunAsync(rate, TimeSpan.FromSeconds(options.StepSeconds), TimeSpan.Zero, cancellationToken);
            var cpuPercent = cpu.Stop();
            var atEnd = sampler.Latest;
            var stepSamples = sampler.Samples.Where(s => s.Phase == name).ToList();
            var slope = Slope(stepSamples.Where(s => s.Seconds >= started + options.StepSeconds / 2.0).ToList());
            var keptUp = KeptUp(stepSamples);

            sampler.Phase = name + " drain";
            var drained = await DrainAsync(sampler, tracker, rate, TimeSpan.FromSeconds(options.StepDrainSeconds));
            var accepted = outcomes.Count(o => o.Accepted);
            var reason = accepted < 0.99 * outcomes.Count ? Invariant($"{outcomes.Count - accepted} POSTs not accepted")
                : keptUp < MinKeptUp ? Invariant($"fell behind: {keptUp:P0} as many orders reached delivery.assigned as were accepted during the step")
                : slope > MaxSlope(rate) ? Invariant($"backlog grew {slope:N0}/s")
                : drained is null ? Invariant($"not drained within {options.StepDrainSeconds} s")
                : "";
            if (drained is null)
            {
                // Let the step finish so that its latencies describe all of it (bounded by the drain timeout).
                await DrainAsync(sampler, tracker, rate, TimeSpan.FromSeconds(options.DrainTimeoutSeconds));
            }

            var journeys = await CollectAsync(collector, outcomes);
            var result = ResultBuilder.Build(name, rate, outcomes, journeys, cpuPercent) with
            {
                Verdict = new StepVerdict(reason.Length == 0, atEnd?.Backlog ?? 0, slope, drained, reason),
            };
            results.Add(result);
            Console.WriteLine(Invariant($"{name}: accepted {result.AcceptedPerSecond:N0}/s, end to end {result.EndToEndPerSecond:N0}/s, p99 {result.EndToEnd.P99:N0} ms: ") +
                (reason.Length == 0 ? "sustainable" : "not sustainable, " + reason));
            if (reason.Length > 0)
            {
                break;
            }

            best = rate;
        }

        return best;
    }

    /// <summary>Waits until no accepted order is open and consumer lag is within a second of arrivals; seconds taken, or null.</summary>
    private async Task<double?> DrainAsync(BacklogSampler sampler, OrderTracker tracker, double rate, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var after = sampler.Latest?.Seconds ?? 0;
        while (clock.Elapsed < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            if (sampler.Latest is { } s && s.Seconds > after && tracker.Outstanding == 0 && s.Outstanding == 0 && s.TotalLag <= Math.Max(50, rate))
            {
                return clock.Elapsed.TotalSeconds;
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<OrderJourney>> CollectAsync(TimelineCollector collector, IReadOnlyList<RequestOutcome> outcomes)
    {
        var accepted = outcomes.Where(o => o.Accepted).ToList();
        var clock = Stopwatch.StartNew();
        var journeys = await collector.CollectAsync(accepted, cancellationToken);
        Console.WriteLine(Invariant($"read {journeys.Count:N0} order timelines from query-api in {clock.Elapsed.TotalSeconds:F1} s"));
        return journeys;
    }

    /// <summary>
    /// How fast the backlog may rise over a step's second half and still count as not growing: 10 % of the rate, plus
    /// 5 per second for the noise of one-second samples (lag moves in batches) that dominates at low rates.
    /// </summary>
    private static double MaxSlope(double rate) => 0.1 * rate + 5;

    /// <summary>A step keeps up when this share of the orders accepted during it also reached their outcome during it.</summary>
    private const double MinKeptUp = 0.9;

    /// <summary>
    /// Orders that reached an outcome between the step's first and last sample, per order accepted in the same span
    /// (1 when fewer than two samples). Under load the sampler's own queries slow down and a step may get only a few
    /// samples, too few for a slope; two are enough for this.
    /// </summary>
    private static double KeptUp(List<BacklogSample> samples)
    {
        if (samples.Count < 2)
        {
            return 1;
        }

        var accepted = samples[^1].Accepted - samples[0].Accepted;
        var finished = samples[^1].Assigned + samples[^1].Rejected - samples[0].Assigned - samples[0].Rejected;
        return accepted <= 0 ? 1 : finished / (double)accepted;
    }

    /// <summary>Least-squares slope of the backlog over the samples, per second (0 with fewer than 3).</summary>
    private static double Slope(List<BacklogSample> samples)
    {
        if (samples.Count < 3)
        {
            return 0;
        }

        var meanT = samples.Average(s => s.Seconds);
        var meanB = samples.Average(s => (double)s.Backlog);
        var covariance = samples.Sum(s => (s.Seconds - meanT) * (s.Backlog - meanB));
        var variance = samples.Sum(s => (s.Seconds - meanT) * (s.Seconds - meanT));
        return variance == 0 ? 0 : covariance / variance;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
