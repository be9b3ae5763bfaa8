using System.Text.Json;
using Confluent.Kafka;
using Fulfillment.Messages;
using JasperFx;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wolverine;
using Wolverine.EntityFrameworkCore;
using Wolverine.Kafka;
using Wolverine.Persistence;
using Wolverine.Postgresql;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>
/// A Wolverine host doing the chassis's consumer work, configured as a Wolverine user would for durable Kafka
/// messaging on PostgreSQL (each setting and why: docs/benchmarks.md, "Chassis against Wolverine").
/// </summary>
public static class WolverineHost
{
    public const string OutboundTopic = "bench.wolverine-out";

    public const string Schema = "wolverine";

    /// <summary>Wolverine names its meter after the service.</summary>
    public static string MeterName(string serviceName) => "Wolverine:" + serviceName;

    /// <summary>The sender benchmark's topic (<see cref="WolverineSender"/>).</summary>
    public const string SenderTopic = "bench.wolverine-sender";

    /// <summary>Starts a host; with <c>listen: false</c> only its durable outbox, sending to <see cref="SenderTopic"/> (the sender benchmark).</summary>
    public static async Task<IHost> StartAsync(string database, string bootstrapServers, string name, BenchOptions options, bool listen = true)
    {
        // The chassis prepares statements automatically (Max Auto Prepare=64); give Wolverine's connections the same.
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(database) { MaxAutoPrepare = 64 }.ConnectionString;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContextWithWolverineIntegration<PeerDbContext>(db => db.UseNpgsql(connectionString));
        builder.UseWolverine(opts =>
        {
            opts.ServiceName = name;

            // Static, explicit handler discovery: this one handler, no assembly scanning.
            opts.Discovery.DisableConventionalDiscovery().IncludeType(typeof(WolverineHandler));

            // Handler code generated and compiled at start-up (Roslyn), not pre-generated: the warm-up passes absorb it.
            opts.UseRuntimeCompilation();

            // One node, as in this benchmark: no leader election or agent assignment in the background.
            opts.Durability.Mode = DurabilityMode.Solo;
            opts.AutoBuildMessageStorageOnStartup = AutoCreate.CreateOrUpdate;
            opts.PersistMessagesWithPostgresql(connectionString, Schema);

            // The handler's EF Core transaction is opened before it runs (Eager), so its SQL update, the inbox mark
            // and the outbox row commit together.
            opts.UseEntityFrameworkCoreTransactions(TransactionMiddlewareMode.Eager);
            opts.Policies.AutoApplyTransactions();

            // The platform's contract JSON (camelCase, UTC timestamps) for the raw records in and out.
            opts.UseKafka(bootstrapServers)
                .ConfigureConsumers(consumer =>
                {
                    consumer.GroupId = name;
                    consumer.AutoOffsetReset = AutoOffsetReset.Earliest;
                    consumer.FetchWaitMaxMs = 20; // as the chassis: the mock broker holds an empty fetch for the full wait
                    consumer.SessionTimeoutMs = 10_000;
                })
                .ConfigureProducers(producer => producer.LingerMs = 2) // as the chassis's producer
                .UseIdempotentProducer(); // acks=all, no duplicates from producer retries: as the chassis

            if (listen)
            {
                Listen(opts, options);
            }

            opts.PublishMessage<EventEnvelope<InventoryReserved>>()
                .ToKafkaTopic(listen ? OutboundTopic : SenderTopic)
                .PublishRawJson(ContractJson())
                .UseDurableOutbox();
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // Wolverine adds its converters to the options it is given, so each endpoint gets its own mutable copy.
    private static JsonSerializerOptions ContractJson() => FulfillmentJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private static void Listen(WolverineOptions opts, BenchOptions options)
    {
#pragma warning disable CA2263 // The generic ReceiveRawJson<T> drops the options it is given (its source); this one passes them on.
        opts.ListenToKafkaTopic(Topics.OrderEvents)
            .ReceiveRawJson(typeof(EventEnvelope<OrderCreated>), ContractJson())
            .UseDurableInbox()

            // Its batching: up to a batch of fetched records persisted to the inbox with one insert.
            .MaximumMessagesToReceive(options.Batch)

            // Its parallelism: as many handlers at once as the chassis has lanes.
            .MaximumParallelMessages(options.Lanes);
#pragma warning restore CA2263
    }
}
