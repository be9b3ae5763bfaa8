using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fulfillment.DeliveryService.Tests.Service;

/// <summary>
/// The whole service (Program) on TestServer: Kafka consumer group, outbox relay and the real-time ticker, sped up
/// (EtaInterval 200 ms, TimeScale 100) so a short delivery completes within a second or two. Drivers come from the
/// service's appsettings.json (driver-01 waits at 48.8566, 2.3522).
/// </summary>
public sealed class DeliveryServiceFactory(string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Database", connectionString);
        builder.UseSetting("Kafka:BootstrapServers", TestEnvironment.Kafka.BootstrapServers);
        builder.UseSetting("Delivery:EtaInterval", "00:00:00.200");
        builder.UseSetting("Delivery:TimeScale", "100");
    }
}
