using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fulfillment.InventoryService.Tests.Support;

/// <summary>
/// The real service (Program, appsettings.json included) on TestServer, against a given database and Kafka, with
/// <paramref name="settings"/> on top.
/// </summary>
public sealed class InventoryServiceFactory(
    string connectionString, string bootstrapServers, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Database", connectionString);
        builder.UseSetting("Kafka:BootstrapServers", bootstrapServers);
        builder.UseSetting("Kafka:Consumer:SessionTimeoutMs", "6000");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.200");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }
}
