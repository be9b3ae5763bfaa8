using System.Diagnostics;
using System.Globalization;
using Fulfillment.Testing;
using Npgsql;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// The per-service consumer benchmark (<c>--service inventory|delivery</c>): per round a fresh embedded Kafka and durable
/// PostgreSQL, pgbench, then W = N/4 warm-up and N timed input events produced to the service's input topic before
/// the service starts, then the service alone, timed from its last warm-up decision to its last timed one.
/// </summary>
/// <remarks>
/// Everything is produced up front, so the service never waits for input; the warm-up events let the JIT compile the
/// hot paths of the same process before the timed window opens (a fresh .NET process compiles for tens of seconds).
/// </remarks>
public sealed class ServiceBenchmark(LoadOptions options, ServiceUnderTest service, string runId, string outDirectory, CancellationToken cancellationToken)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    private int WarmupEvents => options.Events / 4;

    public async Task<ServiceBenchmarkReport> RunAsync()
    {
        Console.WriteLine(Invariant($"{service.Spec.Name} alone: {options.Rounds} round(s) of {WarmupEvents:N0} warm-up + {options.Events:N0} timed {service.InputType} on {service.InputTopic}"));
        var rounds = new List<ServiceRound>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            var directory = Path.Combine(outDirectory, Invariant($"round-{round}"));
            Directory.CreateDirectory(directory);
            Console.WriteLine();
            Console.WriteLine(Invariant($"round {round}: starting the embedded Kafka and a durable PostgreSQL (logs in {directory})..."));
            var platform = await LocalPlatform.StartInfrastructureAsync(directory);
            await using (platform)
            {
                var result = await RunRoundAsync(platform, round);
                rounds.Add(result);
                ServiceReport.PrintRoundLine(result);
            }
        }

        return new ServiceBenchmarkReport(runId, options, service.Spec.Name, rounds);
    }

    private async Task<ServiceRound> RunRoundAsync(LocalPlatform platform, int round)
    {
        var pgbench = await PgBenchResult.MeasureAsync(platform.Postgres, options.PgBenchSeconds);
        var total = WarmupEvents + options.Events;
        var factory = new ServiceInputFactory(options, runId, round);
        var envelopes = Enumerable.Range(0, total).Select(i => factory.Create(service, i)).ToList();
        var producing = Stopwatch.StartNew();
        await KafkaTopic.ProduceAsync(platform.KafkaBootstrapServers, service.InputTopic, envelopes);
        var producedPerSecond = total / producing.Elapsed.TotalSeconds;
        Console.WriteLine(Invariant($"produced {total:N0} {service.InputType} to {service.InputTopic} in {producing.Elapsed.TotalSeconds:F2} s; starting {service.Spec.Name}..."));

        await using var reader = new DecisionReader(platform.KafkaBootstrapServers, service.OutputTopic, service.DecisionTypes);
        var starting = Stopwatch.StartNew();
        await platform.StartServicesAsync(options, [service.Spec]);
        var startSeconds = starting.Elapsed.TotalSeconds;
        var ready = DateTimeOffset.UtcNow;
        Console.WriteLine(Invariant($"{platform.Layout(options)} ready after {startSeconds:F1} s; waiting for {total:N0} decisions..."));
        await using var database = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(platform.Databases[service.Spec.Name])
        {
            MaxPoolSize = 2,
            ApplicationName = "load-benchmark",
        }.ConnectionString);
        var cpu = new CpuMeter(platform.Measured, await CpuMeter.PostmasterOfAsync(platform.Postgres, cancellationToken));
        var (decided, readyToDone, cpuPercent) = await WaitForDecisionsAsync(database, cpu, total);

        var publishing = Stopwatch.StartNew();
        while (reader.Count < total && publishing.Elapsed < PublishTimeout)
        {
            await Task.Delay(PollInterval, cancellationToken);
        }

        // Both windows open at the warm-up's last decision in the database: the relay publishes behind the commits, so
        // the warm-up's last record on Kafka comes late and would shorten the published window.
        var decidedAt = await DecisionTimesAsync(database);
        var opened = WarmupEvents == 0 ? ready : decidedAt.Count >= WarmupEvents ? decidedAt[WarmupEvents - 1] : (DateTimeOffset?)null;
        var logs = LogScanner.Scan(platform.Measured);
        return new ServiceRound(
            round, platform.Layout(options), WarmupEvents, options.Events, pgbench, producedPerSecond, startSeconds, readyToDone,
            decided, Window(decidedAt, opened), reader.Count, Window(reader.Published(), opened), await OutcomesAsync(database),
            service.WaitLogText is { } text ? LogScanner.CountLines(platform.Measured.Where(p => p.Service == service.Spec.Name), text) : null,
            cpuPercent, logs);
    }

    /// <summary>
    /// Polls the decisions in the database until all <paramref name="total"/> are there (or --drain-timeout): CPU is metered
    /// from the poll that first sees the warm-up done to the one that sees everything done.
    /// </summary>
    private async Task<(long Decided, double? ReadyToDone, Dictionary<string, double> Cpu)> WaitForDecisionsAsync(
        NpgsqlDataSource database, CpuMeter cpu, int total)
    {
        var clock = Stopwatch.StartNew();
        var metering = false;
        var decided = 0L;
        var lastPrint = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromSeconds(options.DrainTimeoutSeconds))
        {
            await using (var command = database.CreateCommand(service.CountSql))
            {
                decided = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }

            if (!metering && decided >= WarmupEvents)
            {
                cpu.Start();
                metering = true;
            }

            if (decided >= total)
            {
                return (decided, clock.Elapsed.TotalSeconds, cpu.Stop());
            }

            if (clock.Elapsed - lastPrint >= TimeSpan.FromSeconds(options.PrintEverySeconds))
            {
                lastPrint = clock.Elapsed;
                Console.WriteLine(Invariant($"  {clock.Elapsed.TotalSeconds,5:F1} s: {decided:N0} decided"));
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        Console.WriteLine(Invariant($"  only {decided:N0} of {total:N0} decided after {options.DrainTimeoutSeconds} s (--drain-timeout)"));
        return (decided, null, metering ? cpu.Stop() : []);
    }

    /// <summary>
    /// Seconds from <paramref name="opened"/> (the warm-up's last decision in the database, or the service being ready
    /// without warm-up) to the last of the given ascending timestamps; null when not every event is among them.
    /// </summary>
    private double? Window(List<DateTimeOffset> times, DateTimeOffset? opened) =>
        opened is { } start && times.Count >= WarmupEvents + options.Events ? (times[WarmupEvents + options.Events - 1] - start).TotalSeconds : null;

    private async Task<List<DateTimeOffset>> DecisionTimesAsync(NpgsqlDataSource database)
    {
        var times = new List<DateTimeOffset>();
        await using var command = database.CreateCommand(service.DecidedSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            times.Add(reader.GetFieldValue<DateTimeOffset>(0));
        }

        return times;
    }

    private async Task<Dictionary<string, long>> OutcomesAsync(NpgsqlDataSource database)
    {
        var outcomes = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = database.CreateCommand(service.OutcomesSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            outcomes[reader.GetString(0)] = reader.GetInt64(1);
        }

        return outcomes;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
