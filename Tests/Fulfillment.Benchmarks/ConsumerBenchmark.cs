using Fulfillment.Testing;

namespace Fulfillment.Benchmarks;

/// <summary>
/// The consumer host as services use it, in one state-change mode. Every pass is a fresh host, consumer group and
/// database reading the same input events from the start: per event the inbox row, the state change and one outbox
/// row, committed in the handling transaction, then the offset. Untimed passes warm the process up (see
/// <see cref="WarmUp"/>); then each round runs pgbench in both query modes and, straight after, a timed pass, so every
/// pass is compared with the database's ceiling as the machine was at that moment.
/// </summary>
public sealed class ConsumerBenchmark(BenchOptions options, PostgresServer postgres, string bootstrapServers, PgBench pgbench)
{
    /// <returns>The rounds, and the database of the last pass (its outbox rows feed the relay benchmark).</returns>
    public async Task<(List<ConsumerRound> Rounds, string LastDatabase)> RunAsync(BenchMode mode)
    {
        var name = $"bench-{mode}".ToLowerInvariant();
        for (var pass = 1; pass <= WarmUp.MaxPasses; pass++)
        {
            var (warmUp, _) = await PassAsync(mode, $"{name}-warm-up-{pass}");
            Console.WriteLine($"  warm-up pass {pass}: {warmUp.Rate:N0} events/s, the JIT compiled {warmUp.MethodsCompiled:N0} methods");
            if (WarmUp.IsQuiet(warmUp))
            {
                break;
            }
        }

        var rounds = new List<ConsumerRound>();
        var database = "";
        for (var round = 1; round <= options.Rounds; round++)
        {
            var tps = await pgbench.TpsAsync(options.PgBenchSeconds, "simple");
            var preparedTps = await pgbench.TpsAsync(options.PgBenchSeconds, "prepared");
            (var pass, database) = await PassAsync(mode, $"{name}-{round}");
            rounds.Add(new ConsumerRound(pass, tps, preparedTps));
            Console.WriteLine($"  round {round} of {options.Rounds}: pgbench {tps:N0} tps ({preparedTps:N0} prepared), consumer host {pass.Rate:N0} events/s " +
                $"= {pass.Rate / tps:F2} × pgbench; the JIT compiled {pass.MethodsCompiled:N0} methods");
        }

        return (rounds, database);
    }

    private async Task<(PhaseResult Result, string Database)> PassAsync(BenchMode mode, string name)
    {
        var database = await postgres.CreateDatabaseAsync(name.Replace('-', '_'), CancellationToken.None);
        var commitsBefore = await Measure.CommitsAsync(database);
        using var measure = Measure.Start("fulfillment.consumer.records.handled", options.Events);
        using var host = await BenchHost.StartAsync(database, bootstrapServers, mode, name, options);

        // Every event's state change committed exactly once, and every inbox and outbox row with it.
        var verify = $"""
            SELECT least((SELECT count(*) FROM inbox_messages), (SELECT count(*) FROM outbox_messages),
                {(mode == BenchMode.InsertRow ? "(SELECT count(*) FROM bench_events)" : "(SELECT sum(events) FROM bench_accounts)")})
            """;
        var result = await measure.ResultAsync(database, commitsBefore, verify, options.Events);
        await host.StopAsync();
        return (result, database);
    }
}
