using System.Globalization;
using Fulfillment.LoadBenchmark;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;

// Usage: dotnet run -c Release --project Tests/Fulfillment.LoadBenchmark -- [--rate 100 --duration 30 --warmup 10 ...]
// (every option: docs/benchmarks.md, "End-to-end"). Starts the platform unless --target names a running one;
// --service inventory|delivery runs that service alone on pre-produced input instead (the per-service consumer benchmark).
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync($"load-benchmark: {ex.Message} (options: docs/benchmarks.md, \"End-to-end\")");
    return 2;
}

var runId = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
var outDirectory = Path.GetFullPath(options.OutDirectory ?? Path.Combine(BuildOutput.RepositoryRoot, "artifacts", "load-benchmark", runId));
Directory.CreateDirectory(outDirectory);
Console.WriteLine($"Fulfillment {(options.Service is null ? "end-to-end load" : "per-service consumer")} benchmark {runId}: {Environment.ProcessorCount} cores; output in {outDirectory}");

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop the load and tear the platform down in order rather than leaving processes behind.
    e.Cancel = true;
    cancel.Cancel();
};

if (options.Service is { } serviceName)
{
    try
    {
        var report = await new ServiceBenchmark(options, ServiceUnderTest.Find(serviceName)!, runId, outDirectory, cancel.Token).RunAsync();
        ResultFiles.WriteJson(outDirectory, report);
        ServiceReport.Print(report);
        Console.WriteLine();
        Console.WriteLine($"results: {Path.Combine(outDirectory, "result.json")}; logs in {outDirectory}/round-*");
        return 0;
    }
    catch (OperationCanceledException) when (cancel.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync("load-benchmark: cancelled");
        return 130;
    }
}

LocalPlatform? local = null;
PostgresServer? externalPostgres = null;
try
{
    RunningPlatform platform;
    if (options.Target is { } target)
    {
        externalPostgres = PostgresServer.External(target.Postgres);
        platform = new RunningPlatform(target.OrderUrl, target.QueryUrl, externalPostgres,
            await DatabaseDiscovery.FindAsync(target.Postgres, cancel.Token), target.Kafka, [], "target platform: instances as deployed");
    }
    else
    {
        Console.WriteLine("starting the platform (embedded Kafka, durable PostgreSQL, services from their Release build output)...");
        (local, platform) = await LocalPlatform.StartAsync(options, outDirectory);
        Console.WriteLine($"platform ready: {platform.Layout}; Kafka {platform.KafkaBootstrapServers}, PostgreSQL {platform.Postgres.Host}:{platform.Postgres.Port}");
    }

    var report = await new LoadSession(options, platform, runId, cancel.Token).RunAsync();
    ResultFiles.Write(outDirectory, report);
    Report.Print(report);
    Console.WriteLine();
    Console.WriteLine($"results: {Path.Combine(outDirectory, "result.json")}, {Path.Combine(outDirectory, "backlog.csv")}; logs in {outDirectory}");
    return 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("load-benchmark: cancelled");
    return 130;
}
finally
{
    if (local is not null)
    {
        await local.DisposeAsync();
    }

    if (externalPostgres is not null)
    {
        await externalPostgres.DisposeAsync();
    }
}
