using Confluent.Kafka;
using Fulfillment.Benchmarks;
using Fulfillment.EmbeddedKafka.Broker;
using Fulfillment.Messages;
using Fulfillment.Testing;

// Usage: dotnet run -c Release --project Tests/Fulfillment.Benchmarks [-- --events 20000 (per pass) --keys 1000
//        --pgbench-seconds 5 (per run and query mode) --lanes 8 --batch 200 --rounds 5 (timed passes and relay rounds)]
var options = BenchOptions.Parse(args);

// 12 partitions keep each partition well within what the embedded broker holds in memory (~5 MiB).
const int Partitions = 12;

Console.WriteLine($"Fulfillment chassis benchmark: {options.Events:N0} events over {options.Keys:N0} keys, {Partitions} partitions, " +
    $"{options.Lanes} lanes, batches of {options.Batch}, {Environment.ProcessorCount} cores, librdkafka {EmbeddedKafkaCluster.NativeVersion}");

await using var postgres = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true }, CancellationToken.None);
using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Partitions = Partitions, Topics = [.. Topics.All, .. RelayBenchmark.Topics] });
var pgbench = await PgBench.InitializeAsync(postgres);

Console.WriteLine("producing the input events...");
await ProduceInputAsync(kafka.BootstrapServers, options);

var consumer = new Dictionary<BenchMode, List<ConsumerRound>>();
string? relayDatabase = null;
foreach (var mode in Enum.GetValues<BenchMode>())
{
    Console.WriteLine($"consumer host ({mode}), pgbench before each timed pass...");
    var (rounds, lastDatabase) = await new ConsumerBenchmark(options, postgres, kafka.BootstrapServers, pgbench).RunAsync(mode);
    consumer[mode] = rounds;
    relayDatabase ??= lastDatabase;
}

Console.WriteLine("outbox relay and raw Confluent.Kafka producer, alternating...");
var relay = await new RelayBenchmark(options, relayDatabase!, kafka.BootstrapServers).RunAsync();

Report.Print(options, consumer, relay);
return;

static async Task ProduceInputAsync(string bootstrapServers, BenchOptions options)
{
    using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
    {
        BootstrapServers = bootstrapServers,
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
        QueueBufferingMaxMessages = 1_000_000,
    }).Build();
    for (var i = 0; i < options.Events; i++)
    {
        var orderId = $"order-{i % options.Keys:D6}";
        var envelope = new EventEnvelope<OrderCreated>(
            Guid.CreateVersion7(), EventTypes.OrderCreated, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, orderId, orderId, null,
            "benchmark", new OrderCreated("customer-1", [new OrderLine("SKU-001", 2, 12.50m)], 25.00m, "EUR", new GeoPoint(52.37, 4.89)));
        producer.Produce(Topics.OrderEvents, new Message<string, byte[]> { Key = orderId, Value = EnvelopeSerializer.Serialize(envelope) });
    }

    await Task.Run(() => producer.Flush(TimeSpan.FromMinutes(2)));
}
