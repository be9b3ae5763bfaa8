using Fulfillment.Testing;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>
/// Base of the fixtures on query-api's real host, shared by the fixture's tests: an embedded Kafka cluster of its own
/// (three partitions a topic), a fresh database, the host with <paramref name="apiKey"/> as its admin key, and a client.
/// </summary>
public abstract class QueryApiHostTest(string apiKey = "key", IReadOnlyDictionary<string, string?>? settings = null)
{
    private ServiceUnderTest<Program> _service = null!;

    protected QueryApiFactory Factory { get; private set; } = null!;

    protected HttpClient Client => _service.Http;

    protected string BootstrapServers => _service.BootstrapServers;

    [OneTimeSetUp]
    public async Task StartHostAsync() =>
        _service = await ServiceHost.StartAsync<Program>(await TestKafka.StartAsync(partitions: 3), async bootstrapServers =>
        {
            var database = await QueryDatabase.CreateAsync();
            await SeedAsync(database);
            return Factory = new QueryApiFactory(database, bootstrapServers, apiKey, settings: settings);
        });

    [OneTimeTearDown]
    public async Task StopHostAsync() => await _service.DisposeAsync();

    /// <summary>Fills the database before the host starts on it; nothing by default.</summary>
    protected virtual Task SeedAsync(string database) => Task.CompletedTask;
}
