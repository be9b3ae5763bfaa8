using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Fulfillment.Testing;

/// <summary>
/// A service as it runs (its real Program, appsettings.json included) on TestServer, against the given database and
/// Kafka, with <see cref="TestDefaults"/> and then <paramref name="settings"/> on top.
/// </summary>
/// <remarks>
/// Settings go in with <c>UseSetting</c> rather than as a configuration source because Program reads some of them
/// (the connection string, query-api's read-model generation) while it builds, before later sources would apply.
/// The host starts on first use (a client, <c>Services</c>) or at <see cref="Start"/>.
/// </remarks>
public class ServiceFactory<TProgram>(
    string connectionString, string bootstrapServers, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<TProgram>
    where TProgram : class
{
    /// <summary>Shorter waits than production's, for tests: none changes what a service does, only how soon.</summary>
    public static readonly IReadOnlyDictionary<string, string?> TestDefaults = new Dictionary<string, string?>
    {
        // A member that left without a clean close holds its partitions for the session timeout (45 s by default).
        ["Kafka:Consumer:SessionTimeoutMs"] = "6000",
        ["Kafka:Consumer:CommitInterval"] = "00:00:00.100",
        ["Outbox:PollInterval"] = "00:00:00.200",
    };

    public string ConnectionString { get; } = connectionString;

    public string BootstrapServers { get; } = bootstrapServers;

    /// <summary>Starts the host now, so that its migrations have run before a test's first request.</summary>
    public void Start() => _ = Server;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Database", ConnectionString);
        builder.UseSetting("Kafka:BootstrapServers", BootstrapServers);
        foreach (var (key, value) in TestDefaults.Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }
    }
}
