using Fulfillment.Benchmarks;
using Fulfillment.Benchmarks.Peer;
using Fulfillment.EmbeddedKafka.Broker;
using Fulfillment.Messages;
using Fulfillment.Testing;

// Usage: dotnet run -c Release --project Tests/Fulfillment.Benchmarks [-- --events 20000 (per pass) --keys 1000
//        --pgbench-seconds 5 (per run and query mode) --lanes 8 --batch 200 --rounds 5 (timed passes and relay rounds)]
//        [--peer wolverine (instead: the chassis against Wolverine) --latency-rate 500 --latency-seconds 10]
var options = BenchOptions.Parse(args);

// 12 partitions keep each partition well within what the embedded broker holds in memory (~5 MiB).
const int Partitions = 12;

Console.WriteLine($"Fulfillment chassis benchmark: {options.Events:N0} events over {options.Keys:N0} keys, {Partitions} partitions, " +
    $"{options.Lanes} lanes, batches of {options.Batch}, {Environment.ProcessorCount} cores, librdkafka {EmbeddedKafkaCluster.NativeVersion}");

await using var postgres = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true }, CancellationToken.None);
using var kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Partitions = Partitions, Topics = [.. Topics.All, .. RelayBenchmark.Topics, .. PeerBenchmark.Topics] });
var pgbench = await PgBench.InitializeAsync(postgres);

Console.WriteLine("producing the input events...");
await InputEvents.ProduceAsync(kafka.BootstrapServers, options.Events, options.Keys);

if (options.Peer is not null)
{
    // The chassis against a peer framework, alternating on the same broker, server and records (docs/benchmarks.md).
    var peer = await new PeerBenchmark(options, postgres, kafka.BootstrapServers, pgbench).RunAsync();
    PeerReport.Print(options, peer);
    return;
}

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
