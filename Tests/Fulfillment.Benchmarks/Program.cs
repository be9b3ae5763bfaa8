using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Fulfillment.Benchmarks;
using Fulfillment.Chassis.Kafka.Embedded;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Npgsql;

// Usage: dotnet run -c Release --project Tests/Fulfillment.Benchmarks [-- --events 20000 --keys 1000 --pgbench-seconds 15 --lanes 8 --batch 200]
var events = Option("--events", 20_000);
var keys = Option("--keys", 1_000);
var pgbenchSeconds = Option("--pgbench-seconds", 15);
var lanes = Option("--lanes", 8);
var batch = Option("--batch", 200);
const int Partitions = 6;

Console.WriteLine($"Fulfillment chassis benchmark: {events:N0} events over {keys:N0} keys, {Partitions} partitions, {lanes} lanes, batches of {batch}, " +
    $"{Environment.ProcessorCount} cores, librdkafka {EmbeddedKafkaCluster.NativeVersion}");

await using var postgres = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true }, CancellationToken.None);
using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Partitions = Partitions, Topics = [.. Topics.All, "bench.raw-producer"] });

Console.WriteLine("pgbench (simple-update, 8 clients)...");
var pgbenchDb = await postgres.CreateDatabaseAsync("pgbench", CancellationToken.None);
var tps = await PgBench.SimpleUpdateTpsAsync(
    postgres.BinDirectory!, postgres.Host, postgres.Port, new NpgsqlConnectionStringBuilder(pgbenchDb).Database!, pgbenchSeconds);

Console.WriteLine("producing the input events...");
await ProduceInputAsync(kafka.BootstrapServers, events, keys);

var consumerRates = new Dictionary<BenchMode, PhaseResult>();
string? relayDatabase = null;
foreach (var mode in Enum.GetValues<BenchMode>())
{
    Console.WriteLine($"consumer host ({mode})...");
    var database = await postgres.CreateDatabaseAsync($"bench_{mode}".ToLowerInvariant(), CancellationToken.None);
    using var host = await BenchHost.StartAsync(database, kafka.BootstrapServers, mode, $"bench-{mode}".ToLowerInvariant(), lanes, batch);
    if (mode == BenchMode.UpdateRow)
    {
        await SeedAccountsAsync(database, keys);
    }

    consumerRates[mode] = await Measure.RateAsync(
        database, "SELECT count(*) FROM inbox_messages", count => count > 0, count => count >= events, events);
    await host.StopAsync();
    relayDatabase ??= database;
}

Console.WriteLine("outbox relay...");
var envelopes = await ReadOutboxAsync(relayDatabase!);
PhaseResult relay;
using (var relayHost = await BenchHost.StartAsync(relayDatabase!, kafka.BootstrapServers, consumerMode: null, "bench-relay", lanes, batch))
{
    relay = await Measure.RateAsync(
        relayDatabase!, "SELECT count(*) FROM outbox_messages", count => count < events, count => count == 0, events);
    await relayHost.StopAsync();
}

Console.WriteLine("raw Confluent.Kafka producer on the same payloads...");
var rawRate = RawProducerRate(kafka.BootstrapServers, envelopes);

Console.WriteLine();
Console.WriteLine("| measurement | rate | target | ratio |");
Console.WriteLine("|---|---:|---|---:|");
Console.WriteLine($"| pgbench simple-update, 8 clients (tps) | {tps:N0} | reference | |");
foreach (var (mode, result) in consumerRates)
{
    Console.WriteLine($"| consumer host, inbox + {Describe(mode)} + outbox row (events/s; {result.WorkPerTransaction:F0} events per transaction) | {result.Rate:N0} | ≥ 2 × pgbench | {result.Rate / tps:F2} × pgbench |");
}

Console.WriteLine($"| raw Confluent.Kafka producer, idempotent, acks=all (records/s) | {rawRate:N0} | reference | |");
Console.WriteLine($"| outbox relay: claim, produce, acknowledge, delete (records/s; {relay.WorkPerTransaction:F0} per transaction) | {relay.Rate:N0} | ≥ 0.5 × raw | {relay.Rate / rawRate:F2} × raw |");
return;

static string Describe(BenchMode mode) => mode == BenchMode.InsertRow ? "one row inserted" : "one row updated";

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

static async Task SeedAccountsAsync(string connectionString, int keys)
{
    await using var database = NpgsqlDataSource.Create(connectionString);
    await using var seed = database.CreateCommand(
        "INSERT INTO bench_accounts (order_id) SELECT 'order-' || lpad(i::text, 6, '0') FROM generate_series(0, @keys - 1) i ON CONFLICT DO NOTHING");
    seed.Parameters.AddWithValue("keys", keys);
    await seed.ExecuteNonQueryAsync();
}

static async Task<List<(string Key, byte[] Value)>> ReadOutboxAsync(string connectionString)
{
    await using var database = NpgsqlDataSource.Create(connectionString);
    await using var query = database.CreateCommand("SELECT message_key, envelope FROM outbox_messages ORDER BY id");
    await using var reader = await query.ExecuteReaderAsync();
    var rows = new List<(string, byte[])>();
    while (await reader.ReadAsync())
    {
        rows.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
    }

    return rows;
}

static double RawProducerRate(string bootstrapServers, List<(string Key, byte[] Value)> envelopes)
{
    using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 2,
    }).Build();
    // Warm up: metadata, connections and the idempotent producer id are set-up, not throughput.
    producer.Produce("bench.raw-producer", new Message<string, byte[]> { Key = envelopes[0].Key, Value = envelopes[0].Value });
    producer.Flush(TimeSpan.FromSeconds(30));

    var clock = Stopwatch.StartNew();
    var failed = 0;
    foreach (var (key, value) in envelopes)
    {
        producer.Produce("bench.raw-producer", new Message<string, byte[]> { Key = key, Value = value }, report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
            }
        });
    }

    producer.Flush(TimeSpan.FromMinutes(2));
    return failed == 0 ? envelopes.Count / clock.Elapsed.TotalSeconds : throw new InvalidOperationException($"{failed} records failed");
}
