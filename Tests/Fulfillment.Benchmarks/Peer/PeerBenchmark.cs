using Fulfillment.Testing;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>
/// The chassis against a peer framework doing the same work (issue #16): per pass a fresh database and consumer group
/// reading the same <c>N</c> input records from the start; per event the inbox row, one row updated, one event
/// through the durable outbox to Kafka, commit. Warm-up passes of both alternate until both leave the JIT quiet
/// (<see cref="WarmUp"/>); then each round times one pass of each, the order alternating between rounds. Each pass
/// fails loudly unless every event is in the inbox, changed its row once, left the outbox, and exactly <c>N</c>
/// outbound records reached the topic. Then the latency at a fixed rate (<see cref="LatencyProbe"/>).
/// </summary>
public sealed class PeerBenchmark(BenchOptions options, PostgresServer postgres, string bootstrapServers, PgBench pgbench)
{
    private static readonly TimeSpan PassTimeout = TimeSpan.FromMinutes(10);

    public static IReadOnlyList<string> Topics => [WolverineHost.OutboundTopic, WolverineHost.SenderTopic];

    public async Task<PeerResults> RunAsync()
    {
        if (!string.Equals(options.Peer, "wolverine", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Unknown peer '{options.Peer}': the one known is 'wolverine'.");
        }

        PeerVariant chassis = new ChassisVariant(options, bootstrapServers);
        PeerVariant peer = new WolverineVariant(options, bootstrapServers);
        using var topics = new TopicCounter(bootstrapServers);

        Console.WriteLine($"chassis against {peer.Name}: warm-up passes of both, alternating...");
        for (var pass = 1; pass <= WarmUp.MaxPasses; pass++)
        {
            var quiet = true;
            foreach (var variant in new[] { chassis, peer })
            {
                var warmUp = await PassAsync(variant, $"peer-{variant.Name}-warm-up-{pass}", options.Events, topics);
                Console.WriteLine($"  warm-up pass {pass}, {variant.Name}: {warmUp.Rate:N0} events/s, the JIT compiled {warmUp.Handled.MethodsCompiled:N0} methods");
                quiet &= WarmUp.IsQuiet(warmUp.Handled);
            }

            if (quiet)
            {
                break;
            }
        }

        var tps = await pgbench.TpsAsync(options.PgBenchSeconds, "simple");
        Console.WriteLine($"  pgbench simple-update: {tps:N0} tps");
        var rounds = new List<PeerRound>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Alternate who goes first, so neither always meets the machine just after the other's clean-up.
            var order = round % 2 == 1 ? new[] { chassis, peer } : [peer, chassis];
            var passes = new Dictionary<PeerVariant, PeerPass>();
            foreach (var variant in order)
            {
                passes[variant] = await PassAsync(variant, $"peer-{variant.Name}-{round}", options.Events, topics);
            }

            var result = new PeerRound(passes[chassis], passes[peer]);
            rounds.Add(result);
            Console.WriteLine($"  round {round} of {options.Rounds}: chassis {result.Chassis.Rate:N0} events/s, {peer.Name} {result.Peer.Rate:N0} events/s, " +
                $"ratio {result.Ratio:F2}; JIT {result.Chassis.Handled.MethodsCompiled:N0} / {result.Peer.Handled.MethodsCompiled:N0} methods");
        }

        Console.WriteLine($"latency at {options.LatencyRate:N0} events/s for {options.LatencySeconds} s, each variant...");
        var latency = new List<LatencyResult>();
        foreach (var variant in new[] { chassis, peer })
        {
            var result = await new LatencyProbe(options, postgres, bootstrapServers, topics).RunAsync(variant);
            latency.Add(result);
            Console.WriteLine($"  {variant.Name}: p50 {result.P50:N1} ms, p99 {result.P99:N1} ms, max {result.Max:N1} ms over {result.Events:N0} events");
        }

        // Opt-in (--peer-outbox 1): in its first run the relay round after the fill pass did not finish (docs/benchmarks.md).
        var outbox = new List<RelayRound>();
        if (options.PeerOutbox)
        {
            Console.WriteLine($"outbox alone: the chassis's relay, the raw producer and {peer.Name}'s durable sender on the same records, alternating...");
            outbox = await OutboxAloneAsync(topics);
        }

        return new PeerResults(peer.Name, tps, rounds, latency, outbox);
    }

    private async Task<List<RelayRound>> OutboxAloneAsync(TopicCounter topics)
    {
        // A chassis pass with its relay off leaves the N outbox rows that the relay rounds replay.
        var database = await postgres.CreateDatabaseAsync("peer_relay", CancellationToken.None);
        using (var measure = Measure.Start("fulfillment.consumer.records.handled", options.Events))
        using (var host = await BenchHost.StartAsync(database, bootstrapServers, BenchMode.UpdateRow, "peer-relay-fill", options))
        {
            await measure.Counted.WaitAsync(PassTimeout);
            await host.StopAsync();
        }

        using var sender = new WolverineSender(options, postgres, bootstrapServers, topics);
        return await new RelayBenchmark(options, database, bootstrapServers, sender.RateAsync).RunAsync();
    }

    /// <summary>
    /// A fresh database and group for <paramref name="variant"/>, reading the input topic (<paramref name="work"/>
    /// records) from the start; returns once every outbound event is on the topic and the database checks out.
    /// With <paramref name="during"/>: once the first <paramref name="backlog"/> events are out, runs it (it adds
    /// the rest of the work to the input topic) before waiting for the rest.
    /// </summary>
    public static async Task<PeerPass> PassAsync(
        PeerVariant variant, string name, long work, TopicCounter topics, PostgresServer postgres, long backlog = 0, Func<Task>? during = null)
    {
        var database = await postgres.CreateDatabaseAsync(name.Replace('-', '_').ToLowerInvariant(), CancellationToken.None);
        await variant.PrepareAsync(database);
        var outboundBefore = topics.Count(variant.OutboundTopic);
        var commitsBefore = await Measure.CommitsAsync(database);
        using var measure = variant.StartMeasure(name, work);
        using var host = await variant.StartAsync(database, name);
        if (during is not null)
        {
            await topics.WaitForAsync(variant.OutboundTopic, outboundBefore + backlog, PassTimeout);
            await during();
        }

        await measure.Counted.WaitAsync(PassTimeout);
        await topics.WaitForAsync(variant.OutboundTopic, outboundBefore + work, PassTimeout);
        var toOutbound = measure.Elapsed;

        var handled = await measure.ResultAsync(database, commitsBefore, variant.VerifySql(work), work);
        var outbound = topics.Count(variant.OutboundTopic) - outboundBefore;
        if (outbound != work)
        {
            throw new InvalidOperationException($"{variant.Name}: {outbound:N0} outbound records reached {variant.OutboundTopic}, expected {work:N0}.");
        }

        await host.StopAsync();
        return new PeerPass(handled, work / toOutbound.TotalSeconds);
    }

    private Task<PeerPass> PassAsync(PeerVariant variant, string name, long work, TopicCounter topics) =>
        PassAsync(variant, name, work, topics, postgres);
}
