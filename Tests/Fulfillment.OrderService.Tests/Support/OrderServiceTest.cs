using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>The real service (Program) on TestServer, against a database of the test class's own and the shared Kafka.</summary>
public abstract class OrderServiceTest
{
    protected ServiceFactory<Program> Factory { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>
    /// Off unless a test needs it: the relay deletes outbox rows once Kafka has them, which would make "no outbox row"
    /// prove nothing where a test inspects them.
    /// </summary>
    protected virtual bool RelayEnabled => false;

    /// <summary>Further settings of the test class (authentication, rate limits), on top of the kit's.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    [OneTimeSetUp]
    public async Task StartServiceAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("orders_" + GetType().Name);
        Factory = new ServiceFactory<Program>(
            connectionString,
            TestKafka.Shared.BootstrapServers,
            new Dictionary<string, string?>(Settings) { ["Outbox:RelayEnabled"] = RelayEnabled ? "true" : "false" });

        // Starts the host now: migrations run before the first request of a test.
        Factory.Start();
        Client = Factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopServiceAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
