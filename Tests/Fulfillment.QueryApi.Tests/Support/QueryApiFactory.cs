using System.Globalization;
using Fulfillment.Testing;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>query-api in-process (its real Program) on a given database and embedded Kafka, with an admin client.</summary>
public sealed class QueryApiFactory(
    string connectionString, string bootstrapServers, string apiKey, int generation = 0, IReadOnlyDictionary<string, string?>? settings = null)
    : ServiceFactory<Program>(connectionString, bootstrapServers, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
    {
        ["Admin:ApiKey"] = apiKey,
        ["ReadModel:Generation"] = generation.ToString(CultureInfo.InvariantCulture),
    })
{
    public const string ApiKeyHeader = "X-Api-Key";

    public HttpClient CreateAdminClient(string? key = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyHeader, key ?? apiKey);
        return client;
    }
}
