using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>
/// query-api in-process (its real Program) on a given database and embedded Kafka. Settings are applied with
/// <c>UseSetting</c> because Program reads some of them (connection string, read-model generation) while building.
/// </summary>
public sealed class QueryApiFactory(string connectionString, string bootstrapServers, string apiKey, int generation = 0)
    : WebApplicationFactory<Program>
{
    public const string ApiKeyHeader = "X-Api-Key";

    public HttpClient CreateAdminClient(string? key = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyHeader, key ?? apiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Database", connectionString);
        builder.UseSetting("Kafka:BootstrapServers", bootstrapServers);
        builder.UseSetting("Admin:ApiKey", apiKey);
        builder.UseSetting("ReadModel:Generation", generation.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Kafka:Consumer:CommitInterval", "00:00:00.100");
    }
}
