using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>The real service (Program) on TestServer, against its own database and the shared embedded Kafka.</summary>
/// <param name="connectionString">A fresh database from <see cref="TestEnvironment.Postgres"/>.</param>
/// <param name="relayEnabled">
/// Off where a test inspects outbox rows: the relay deletes rows once Kafka has them, which would make "no outbox row"
/// prove nothing.
/// </param>
public sealed class OrderServiceFactory(string connectionString, bool relayEnabled) : WebApplicationFactory<Program>
{
    public string ConnectionString { get; } = connectionString;

    public static async Task<OrderServiceFactory> StartAsync(string databasePrefix, bool relayEnabled = false)
    {
        var connectionString = await TestEnvironment.Postgres.CreateDatabaseAsync(databasePrefix, CancellationToken.None);
        var factory = new OrderServiceFactory(connectionString, relayEnabled);
        // Starts the host now: migrations run before the first request of a test.
        _ = factory.Server;
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Database", ConnectionString);
        builder.UseSetting("Kafka:BootstrapServers", TestEnvironment.Kafka.BootstrapServers);
        builder.UseSetting("Outbox:RelayEnabled", relayEnabled ? "true" : "false");
    }
}
