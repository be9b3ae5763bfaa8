using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using Fulfillment.EmbeddedKafka;
using Fulfillment.EmbeddedKafka.Broker;
using Fulfillment.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// A development/test broker: librdkafka's in-memory mock cluster with every platform topic, reachable at
// localhost:<port>. Nothing survives a restart. Usage: [--port N] [--partitions N] [--brokers N] [--admin-port N]
// --admin-port serves the fault-injection API (FaultEndpoints: brokers down/up, leader moves, request errors) on
// 127.0.0.1:N, for the fault suite (docs/reliability.md); without it nothing but Kafka listens.

const int DefaultPort = 9092;
const int DefaultPartitions = 6;
const int UsageExitCode = 2;

int port;
int partitions;
int brokers;
int adminPort;
try
{
    string[] known = ["--port", "--partitions", "--brokers", "--admin-port"];
    for (var i = 0; i < args.Length; i += 2)
    {
        if (!known.Contains(args[i]))
        {
            throw new FormatException($"unknown argument '{args[i]}'.");
        }
    }

    port = ReadOption(args, "--port", environmentVariable: null, DefaultPort);
    partitions = ReadOption(args, "--partitions", "KAFKA_PARTITIONS", DefaultPartitions);
    brokers = ReadOption(args, "--brokers", environmentVariable: null, 1);
    adminPort = ReadOption(args, "--admin-port", environmentVariable: null, 0);
    if (port is < 1 or > 65535 || adminPort is < 0 or > 65535 || partitions < 1 || brokers < 1)
    {
        throw new FormatException("--port and --admin-port must be 1-65535, --partitions and --brokers at least 1.");
    }
}
catch (FormatException ex)
{
    await Console.Error.WriteLineAsync($"embedded-kafka: {ex.Message}");
    await Console.Error.WriteLineAsync("usage: Fulfillment.EmbeddedKafka [--port N] [--partitions N] [--brokers N] [--admin-port N]");
    return UsageExitCode;
}

using var stop = new CancellationTokenSource();
ConsoleCancelEventHandler onCancelKey = (_, e) =>
{
    // Keep the process alive long enough to dispose the cluster and release the port.
    e.Cancel = true;
    stop.Cancel();
};
Console.CancelKeyPress += onCancelKey;
try
{
    using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });

    EmbeddedKafkaCluster cluster;
    try
    {
        cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions
        {
            Brokers = brokers,
            Partitions = partitions,
            Topics = [.. Topics.All],
            ListenPort = port,
        });
    }
    catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
    {
        await Console.Error.WriteLineAsync($"embedded-kafka: port {port} is already in use (another Kafka running?).");
        return 1;
    }

    await using (cluster)
    {
        await using var admin = adminPort > 0 ? await StartAdminAsync(cluster, adminPort) : null;
        var adminText = admin is null ? string.Empty : $" admin=http://127.0.0.1:{adminPort}";
        Console.WriteLine($"embedded-kafka ready bootstrap={cluster.BootstrapServers} brokers={cluster.BrokerBootstraps}{adminText}");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGINT or SIGTERM: fall through to a clean shutdown.
        }
    }

    Console.WriteLine("embedded-kafka stopped");
    return 0;
}
finally
{
    Console.CancelKeyPress -= onCancelKey;
}

static async Task<WebApplication> StartAdminAsync(EmbeddedKafkaCluster cluster, int adminPort)
{
    var builder = WebApplication.CreateSlimBuilder();
    builder.WebHost.UseUrls($"http://127.0.0.1:{adminPort}");
    // Only the injected faults are worth a line (FaultEndpoints logs them as warnings); not every request.
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
    var app = builder.Build();
    app.MapFaults(cluster);
    await app.StartAsync();
    return app;
}

static int ReadOption(string[] args, string name, string? environmentVariable, int defaultValue)
{
    var index = Array.IndexOf(args, name);
    string? text;
    if (index >= 0)
    {
        text = index + 1 < args.Length
            ? args[index + 1]
            : throw new FormatException($"{name} needs a value.");
    }
    else
    {
        text = environmentVariable is null ? null : Environment.GetEnvironmentVariable(environmentVariable);
    }

    if (string.IsNullOrWhiteSpace(text))
    {
        return defaultValue;
    }

    return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        ? value
        : throw new FormatException($"{name} must be a whole number, not '{text}'.");
}
