using Fulfillment.Messaging.Hosting;
using Fulfillment.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fulfillment.Benchmarks;

/// <summary>
/// A chassis host for one phase: the consumer group (relay off, or on for the comparison with a peer, whose durable
/// outbox also sends to Kafka) or only the relay.
/// </summary>
public static class BenchHost
{
    public static async Task<IHost> StartAsync(
        string connectionString, string bootstrapServers, BenchMode? consumerMode, string groupId, BenchOptions options, bool relay = false)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Database"] = connectionString,
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:Consumer:MaxConcurrency"] = options.Lanes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Kafka:Consumer:MaxBatchSize"] = options.Batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Outbox:RelayEnabled"] = consumerMode is null || relay ? "true" : "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults(groupId);
        builder.AddMessaging<BenchDbContext>(messaging =>
        {
            if (consumerMode is not null)
            {
                messaging.AddConsumerGroup(group => group.AddConsumer<BenchConsumer>());
            }
        });
        builder.Services.AddSingleton(new BenchSettings(consumerMode ?? BenchMode.InsertRow));
        if (consumerMode == BenchMode.UpdateRow)
        {
            builder.Services.AddSingleton(options);
            builder.Services.AddHostedService<AccountSeeding>();
        }
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
