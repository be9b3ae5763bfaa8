namespace Fulfillment.Testing;

/// <summary>
/// A whole service in-process on a Kafka of its own (embedded or a container, TestInfrastructure): the cluster, the service's
/// <see cref="ServiceFactory{TProgram}"/> and an HTTP client on it, stopped together. Made by <see cref="ServiceHost"/>.
/// </summary>
public sealed class ServiceUnderTest<TProgram> : IAsyncDisposable
    where TProgram : class
{
    internal ServiceUnderTest(ITestKafka kafka, ServiceFactory<TProgram> service)
    {
        Kafka = kafka;
        Service = service;
        Http = service.CreateClient();
    }

    public ITestKafka Kafka { get; }

    public ServiceFactory<TProgram> Service { get; }

    /// <summary>A client of the service; creating it started the host (migrations, consumers, relay).</summary>
    public HttpClient Http { get; }

    public string BootstrapServers => Kafka.BootstrapServers;

    public string ConnectionString => Service.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
        await Kafka.DisposeAsync();
    }
}
