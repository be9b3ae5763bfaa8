using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Fulfillment.Benchmarks;
using Fulfillment.Chassis.Kafka.Embedded;
using Fulfillment.Chassis.Outbox;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Npgsql;

// Usage: dotnet run -c Release --project Tests/Fulfillment.Benchmarks [-- --events 20000 (timed; as many again warm up) --keys 1000 --pgbench-seconds 15 (each mode) --lanes 8 --batch 200 --rounds 5]
var events = Option("--events", 20_000);
var keys = Option("--keys", 1_000);
var pgbenchSeconds = Option("--pgbench-seconds", 15);
var lanes = Option("--lanes", 8);
var batch = Option("--batch", 200);
var rounds = Option("--rounds", 5);
// Twice the events are produced (a warm-up run, then the measured one); 12 partitions keep each partition within what
// the embedded broker holds in memory (~5 MiB).
const int Partitions = 12;

Console.WriteLine($"Fulfillment chassis benchmark: {events:N0} events over {keys:N0} keys, {Partitions} partitions, {lanes} lanes, batches of {batch}, " +
    $"{Environment.ProcessorCount} cores, librdkafka {EmbeddedKafkaCluster.NativeVersion}");

await using var postgres = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true }, CancellationToken.None);
using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Partitions = Partitions, Topics = [.. Topics.All, "bench.raw-producer"] });

Console.WriteLine("pgbench (simple-update, 8 clients; default simple query mode, then prepared statements)...");
var pgbenchDb = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("pgbench", CancellationToken.None)).Database!;
await PgBench.InitializeAsync(postgres.BinDirectory!, postgres.Host, postgres.Port, pgbenchDb);
var tps = await PgBench.SimpleUpdateTpsAsync(postgres.BinDirectory!, postgres.Host, postgres.Port, pgbenchDb, pgbenchSeconds, "simple");
var preparedTps = await PgBench.SimpleUpdateTpsAsync(postgres.BinDirectory!, postgres.Host, postgres.Port, pgbenchDb, pgbenchSeconds, "prepared");

Console.WriteLine("producing the input events...");
await ProduceInputAsync(kafka.BootstrapServers, 2 * events, keys);

var consumerRates = new Dictionary<BenchMode, PhaseResult>();
string? relayDatabase = null;
foreach (var mode in Enum.GetValues<BenchMode>())
{
    Console.WriteLine($"consumer host ({mode})...");
    var (result, database) = await ConsumeAsync(mode, $"bench-{mode}".ToLowerInvariant());
    consumerRates[mode] = result;
    relayDatabase ??= database;
}

// The relay and the raw producer alternate, round after round, so that both meet the same machine; the median round
// is reported, after a warm-up round. Each round moves the insert run's outbox rows five times over (long enough to be
// steady): one relay, running throughout as in a service, drains them from the outbox as soon as they are committed;
// the raw producer sends the same records.
const int Copies = 5;
var records = await ReadOutboxAsync(relayDatabase!, events);
var roundRecords = Enumerable.Repeat(records, Copies).SelectMany(copy => copy).ToList();
await ExecuteAsync(relayDatabase!, $"CREATE TABLE outbox_copy AS SELECT * FROM outbox_messages ORDER BY id LIMIT {events}; TRUNCATE outbox_messages");
var relayRounds = new List<PhaseResult>();
var rawRounds = new List<double>();
using (var relayHost = await BenchHost.StartAsync(relayDatabase!, kafka.BootstrapServers, consumerMode: null, "bench-relay", lanes, batch))
{
    // Round 0 warms both up (the relay host's first drain compiles its code; the raw producer's first big batch sizes
    // its buffers) and is not counted.
    for (var round = 0; round <= rounds; round++)
    {
        var name = round == 0 ? "warm-up round" : $"round {round} of {rounds}";
        Console.WriteLine($"outbox relay, {name}...");
        var relayCommitsBefore = await Measure.CommitsAsync(relayDatabase!);
        PhaseResult relayRound;
        using (var relayMeasure = Measure.Start("fulfillment.outbox.records.published", roundRecords.Count))
        {
            // One transaction: the relay sees every row at once, at its commit.
            await ExecuteAsync(relayDatabase!, $"""
                INSERT INTO outbox_messages (event_id, topic, message_key, event_type, correlation_id, traceparent, envelope, created_at)
                SELECT event_id, topic, message_key, event_type, correlation_id, traceparent, envelope, created_at
                FROM outbox_copy, generate_series(1, {Copies}) copy
                ORDER BY copy, id
                """);
            relayRound = await relayMeasure.ResultAsync(relayDatabase!, relayCommitsBefore, "SELECT count(*) FROM outbox_messages", 0);
        }

        Console.WriteLine($"raw Confluent.Kafka producer on the same records, {name}...");
        var rawRound = RawProducerRate(kafka.BootstrapServers, roundRecords);
        Console.WriteLine($"  relay {relayRound.Rate:N0} records/s, raw {rawRound:N0} records/s");
        if (round > 0)
        {
            relayRounds.Add(relayRound);
            rawRounds.Add(rawRound);
        }
    }

    await relayHost.StopAsync();
}

var relay = relayRounds.OrderBy(r => r.Rate).ElementAt(rounds / 2);
var rawRate = rawRounds.Order().ElementAt(rounds / 2);
var ratios = relayRounds.Zip(rawRounds, (r, raw) => (r.Rate / raw).ToString("F2", CultureInfo.InvariantCulture));

Console.WriteLine();
Console.WriteLine("| measurement | rate | target | ratio |");
Console.WriteLine("|---|---:|---|---:|");
Console.WriteLine($"| pgbench simple-update, 8 clients (tps) | {tps:N0} | reference | |");
Console.WriteLine($"| pgbench simple-update, 8 clients, prepared statements (`-M prepared`; tps) | {preparedTps:N0} | for comparison | |");
foreach (var (mode, result) in consumerRates)
{
    Console.WriteLine($"| consumer host, inbox + {Describe(mode)} + outbox row (events/s; {result.WorkPerTransaction:F0} events per transaction) | {result.Rate:N0} | ≥ 2 × pgbench | {result.Rate / tps:F2} × pgbench ({result.Rate / preparedTps:F2} × prepared) |");
}

Console.WriteLine($"| raw Confluent.Kafka producer, idempotent, acks=all, same records (records/s, median of {rounds} rounds of {roundRecords.Count:N0}) | {rawRate:N0} | reference | |");
Console.WriteLine($"| outbox relay: read, produce, acknowledge, delete (records/s, median of {rounds} rounds of {roundRecords.Count:N0}) | {relay.Rate:N0} | ≥ 0.5 × raw | {relay.Rate / rawRate:F2} × raw (rounds: {string.Join(", ", ratios)}) |");
Console.WriteLine();
foreach (var (mode, result) in consumerRates)
{
    Console.WriteLine($"consumer host, {Describe(mode)}: {Runtime(result, "event")}");
}

Console.WriteLine($"outbox relay, median round: {Runtime(relay, "record")}");
return;

static string Describe(BenchMode mode) => mode == BenchMode.InsertRow ? "one row inserted" : "one row updated";

static string Runtime(PhaseResult result, string unit) =>
    $"{result.BytesPerUnit / 1024:F1} KiB allocated per {unit}; garbage collection paused the process {result.GcPauseShare:P0} of the time";

async Task<(PhaseResult Result, string Database)> ConsumeAsync(BenchMode mode, string name)
{
    var database = await postgres.CreateDatabaseAsync(name.Replace('-', '_'), CancellationToken.None);
    var commitsBefore = await Measure.CommitsAsync(database);

    // The host handles the first half of the events to warm up, as a service that has been running a while is (the
    // JIT has compiled its hot paths at the optimising tier); the second half is timed.
    using var measure = Measure.Start("fulfillment.consumer.records.handled", 2 * events, warmUp: events);
    using var host = await BenchHost.StartAsync(database, kafka.BootstrapServers, mode, name, lanes, batch);
    if (mode == BenchMode.UpdateRow)
    {
        await SeedAccountsAsync(database, keys);
    }

    // Every event's state change committed exactly once, and every inbox and outbox row with it.
    var verify = $"""
        SELECT least((SELECT count(*) FROM inbox_messages), (SELECT count(*) FROM outbox_messages),
            {(mode == BenchMode.InsertRow ? "(SELECT count(*) FROM bench_events)" : "(SELECT sum(events) FROM bench_accounts)")})
        """;
    var result = await measure.ResultAsync(database, commitsBefore, verify, 2 * events);
    await host.StopAsync();
    return (result, database);
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static async Task ProduceInputAsync(string bootstrapServers, int count, int keys)
{
    using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
        QueueBufferingMaxMessages = 1_000_000,
    }).Build();
    for (var i = 0; i < count; i++)
    {
        var orderId = $"order-{i % keys:D6}";
        var envelope = new EventEnvelope<OrderCreated>(
            Guid.CreateVersion7(), EventTypes.OrderCreated, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, orderId, orderId, null,
            "benchmark", new OrderCreated("customer-1", [new OrderLine("SKU-001", 2, 12.50m)], 25.00m, "EUR", new GeoPoint(52.37, 4.89)));
        producer.Produce(Topics.OrderEvents, new Message<string, byte[]> { Key = orderId, Value = EnvelopeSerializer.Serialize(envelope) });
    }

    await Task.Run(() => producer.Flush(TimeSpan.FromMinutes(2)));
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var database = NpgsqlDataSource.Create(connectionString);
    await using var command = database.CreateCommand(sql);
    await command.ExecuteNonQueryAsync();
}

static async Task SeedAccountsAsync(string connectionString, int keys)
{
    await using var database = NpgsqlDataSource.Create(connectionString);
    await using var seed = database.CreateCommand(
        "INSERT INTO bench_accounts (order_id) SELECT 'order-' || lpad(i::text, 6, '0') FROM generate_series(0, @keys - 1) i ON CONFLICT DO NOTHING");
    seed.Parameters.AddWithValue("keys", keys);
    await seed.ExecuteNonQueryAsync();
}

// The records the relay will produce, built by the relay's own code: same key, stamped value and headers, so the raw
// producer does the same Kafka work.
static async Task<List<Message<string, byte[]>>> ReadOutboxAsync(string connectionString, int count)
{
    await using var database = NpgsqlDataSource.Create(connectionString);
    await using var connection = await database.OpenConnectionAsync();
    var rows = await OutboxTable.ReadReadyAsync(connection, count, InFlightWindow.Empty, CancellationToken.None);
    var stamp = EnvelopeSerializer.ProducedAtStamp(DateTimeOffset.UtcNow);
    return [.. rows.Select(row => OutboxRecord.From(row, stamp))];
}

static double RawProducerRate(string bootstrapServers, List<Message<string, byte[]>> records)
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
    // Warm up: metadata, connections and the idempotent producer id are set-up, not throughput.
    producer.Produce("bench.raw-producer", records[0]);
    producer.Flush(TimeSpan.FromSeconds(30));

    var clock = Stopwatch.StartNew();
    var failed = 0;
    foreach (var record in records)
    {
        producer.Produce("bench.raw-producer", record, report =>
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
