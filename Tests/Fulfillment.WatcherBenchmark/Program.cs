using System.Globalization;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;
using Fulfillment.WatcherBenchmark;

// Usage: dotnet run -c Release --project Tests/Fulfillment.WatcherBenchmark -- --watchers 250,500,1000,2000 --orders 100 --duration 20
// Starts the embedded Kafka, a private PostgreSQL and one query-api (from its Release build output), then for each step
// connects watchers up to that many (live order streams, spread over --orders orders), produces one eta.updated per
// order every --interval ms for --duration s, and reports how long each update took from Kafka to the watchers.
WatcherOptions options;
try
{
    options = WatcherOptions.Parse(args);
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync($"watcher-benchmark: {ex.Message}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var logDirectory = Path.Combine(BuildOutput.RepositoryRoot, "artifacts", "watcher-benchmark",
    DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
Directory.CreateDirectory(logDirectory);
Console.WriteLine($"watcher benchmark: {Environment.ProcessorCount} cores, steps {string.Join(',', options.Steps)} watchers over {options.Orders} orders; logs in {logDirectory}");

await using var kafka = await TestKafka.StartAsync();
await using var postgres = await TestPostgres.StartServerAsync(cancel.Token);
var port = FreePorts.Pick(1)[0];
using var log = new ServiceLog(Path.Combine(logDirectory, "query-api.log"));
using var queryApi = new ServiceProcess("query-api", BuildOutput.ServiceAssembly("Fulfillment.QueryApi"), port, log);
var environment = ServiceEnvironment.Base(port, await postgres.CreateDatabaseAsync("query_db", cancel.Token), kafka.BootstrapServers);
// Debug lines of every projected event would measure the logging, not the pushes.
environment["Serilog__MinimumLevel__Default"] = "Warning";
queryApi.Start(environment);
await queryApi.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), cancel.Token);

// One producer for the run: a new one per round would add its connection set-up to every measured latency.
using var producer = new ProducerBuilder<string, byte[]>(
    new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true, Acks = Acks.All, LingerMs = 1 }).Build();
var clock = new UpdateClock();
var orders = Enumerable.Range(0, options.Orders).Select(_ => Guid.CreateVersion7().ToString()).ToList();
var sequence = 0;

async Task ProduceRoundAsync()
{
    sequence++;
    var at = clock.Now;
    foreach (var orderId in orders)
    {
        clock.Sent(orderId, sequence, at);
    }

    var now = DateTimeOffset.UtcNow;
    await Task.WhenAll(orders.Select(orderId => producer.ProduceAsync(Topics.DeliveryEvents, KafkaTopic.ToMessage(TestEnvelopes.For(
        orderId,
        new EtaUpdated($"delivery-{orderId}", "driver-bench", sequence, new GeoPoint(48.85, 2.35), 5.0, now.AddMinutes(10)),
        producer: "watcher-benchmark")))));
}

// Every order exists in the read model before anybody watches it.
await ProduceRoundAsync();
using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    BaseAddress = queryApi.BaseAddress,
    Timeout = Timeout.InfiniteTimeSpan,
};
await Eventually.ReturnsAsync(
    async () => (await client.GetAsync($"/api/orders/{orders[^1]}", cancel.Token)).IsSuccessStatusCode,
    ok => ok, what: "the seeded orders in the read model", timeout: TimeSpan.FromSeconds(60));

var watchers = new List<Watcher>();
var running = new List<Task>();
var results = new List<StepResult>();
Console.WriteLine();
Console.WriteLine("watchers  received/expected  fail   p50 ms   p95 ms   p99 ms   max ms  < limit");
try
{
    foreach (var step in options.Steps)
    {
        while (watchers.Count < step)
        {
            var watcher = new Watcher(client, orders[watchers.Count % orders.Count], clock);
            watchers.Add(watcher);
            running.Add(watcher.RunAsync(cancel.Token));
        }

        await Task.WhenAll(watchers.Select(w => w.Ready)).WaitAsync(TimeSpan.FromSeconds(120), cancel.Token);
        foreach (var watcher in watchers)
        {
            watcher.Latencies.Take();
        }

        var rounds = 0;
        var deadline = clock.Now + options.Duration;
        while (clock.Now < deadline)
        {
            var next = clock.Now + options.Interval;
            await ProduceRoundAsync();
            rounds++;
            var wait = next - clock.Now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancel.Token);
            }
        }

        // Updates still on their way: a bound, after which a missing push counts as not received.
        await Task.Delay(options.Threshold * 3, cancel.Token);
        var latencies = watchers.SelectMany(w => w.Latencies.Take()).ToList();
        var result = StepResult.Of(step, (long)rounds * step, latencies, watchers.Sum(w => w.Latencies.Failures), options.Threshold);
        results.Add(result);
        Console.WriteLine(result);
        if (!result.Holds(options.Threshold))
        {
            break;
        }
    }
}
finally
{
    await cancel.CancelAsync();
    await Task.WhenAll(running);
    await queryApi.StopAsync();
}

var held = results.LastOrDefault(r => r.Holds(options.Threshold));
Console.WriteLine();
Console.WriteLine(held is null
    ? $"no step kept p99 under {options.Threshold.TotalMilliseconds:F0} ms"
    : $"one query-api held {held.Watchers} watchers with p99 update latency {held.P99:F0} ms (< {options.Threshold.TotalMilliseconds:F0} ms)");
return 0;
