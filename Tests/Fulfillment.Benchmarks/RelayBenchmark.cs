using System.Diagnostics;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Outbox;
using Npgsql;

namespace Fulfillment.Benchmarks;

/// <summary>
/// The outbox relay against the raw Confluent.Kafka producer on the same records, in alternating rounds so that both
/// meet the same machine. A round commits a consumer pass's outbox rows five times over, in one transaction (long
/// enough to be steady); one relay, running throughout as in a service, drains them as soon as they are committed
/// (read, produce with the idempotent <c>acks=all</c> producer, wait for every acknowledgement, delete). The raw
/// producer then sends the same records: same keys, values and contract headers, built before its clock starts.
/// Warm-up rounds go on until one leaves the JIT quiet (<see cref="WarmUp"/>) and are not counted. With a peer (a
/// function returning its rate), each round also runs a peer framework's outbox on the same records, after the raw producer.
/// </summary>
public sealed class RelayBenchmark(
    BenchOptions options, string database, string bootstrapServers, Func<List<Message<string, byte[]>>, Task<double>>? peer = null)
{
    public const int Copies = 5;

    private const string RawTopic = "bench.raw-producer";

    public static IReadOnlyList<string> Topics => [RawTopic];

    public async Task<List<RelayRound>> RunAsync()
    {
        var records = await ReadOutboxAsync(options.Events);
        var roundRecords = Enumerable.Repeat(records, Copies).SelectMany(copy => copy).ToList();
        await ExecuteAsync($"CREATE TABLE outbox_copy AS SELECT * FROM outbox_messages ORDER BY id LIMIT {options.Events}; TRUNCATE outbox_messages");

        var rounds = new List<RelayRound>();
        using var relayHost = await BenchHost.StartAsync(database, bootstrapServers, consumerMode: null, "bench-relay", options);
        var warmingUp = true;
        for (var round = 1; rounds.Count < options.Rounds; round++)
        {
            var name = warmingUp ? $"warm-up round {round}" : $"round {rounds.Count + 1} of {options.Rounds}";
            var relay = await RelayRoundAsync(roundRecords.Count);
            var raw = RawProducerRate(roundRecords);
            double? peerRate = peer is null ? null : await peer(roundRecords);
            Console.WriteLine($"  {name}: relay {relay.Rate:N0} records/s, raw producer {raw:N0} records/s" +
                (peerRate is null ? "" : $", peer's outbox {peerRate:N0} records/s") + $"; the JIT compiled {relay.MethodsCompiled:N0} methods");
            if (!warmingUp)
            {
                rounds.Add(new RelayRound(relay, raw, peerRate));
            }

            warmingUp &= !WarmUp.IsQuiet(relay) && round < WarmUp.MaxPasses;
        }

        await relayHost.StopAsync();
        return rounds;
    }

    private async Task<PhaseResult> RelayRoundAsync(int count)
    {
        var commitsBefore = await Measure.CommitsAsync(database);
        using var measure = Measure.Start("fulfillment.outbox.records.published", count);

        // One transaction: the relay sees every row at once, at its commit.
        await ExecuteAsync($"""
            INSERT INTO outbox_messages (event_id, topic, message_key, event_type, correlation_id, traceparent, envelope, created_at)
            SELECT event_id, topic, message_key, event_type, correlation_id, traceparent, envelope, created_at
            FROM outbox_copy, generate_series(1, {Copies}) copy
            ORDER BY copy, id
            """);
        return await measure.ResultAsync(database, commitsBefore, "SELECT count(*) FROM outbox_messages", 0);
    }

    // The records the relay will produce, built by the relay's own code: same key, stamped value and headers, so the
    // raw producer does the same Kafka work.
    private async Task<List<Message<string, byte[]>>> ReadOutboxAsync(int count)
    {
        await using var source = NpgsqlDataSource.Create(database);
        await using var connection = await source.OpenConnectionAsync();
        var rows = await OutboxTable.ReadReadyAsync(connection, count, InFlightWindow.Empty, CancellationToken.None);
        var stamp = EnvelopeSerializer.ProducedAtStamp(DateTimeOffset.UtcNow);
        return [.. rows.Select(row => OutboxRecord.From(row, stamp))];
    }

    private double RawProducerRate(List<Message<string, byte[]>> records)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 2,
            QueueBufferingMaxMessages = 1_000_000,
            DeliveryReportFields = "status", // as the chassis producer: only the error is read
        }).Build();

        // Metadata, connections and the idempotent producer id are set-up, not throughput.
        producer.Produce(RawTopic, records[0]);
        producer.Flush(TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        var failed = 0;
        foreach (var record in records)
        {
            producer.Produce(RawTopic, record, report =>
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref failed);
                }
            });
        }

        producer.Flush(TimeSpan.FromMinutes(2));
        return failed == 0 ? records.Count / clock.Elapsed.TotalSeconds : throw new InvalidOperationException($"{failed} records failed");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var source = NpgsqlDataSource.Create(database);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
