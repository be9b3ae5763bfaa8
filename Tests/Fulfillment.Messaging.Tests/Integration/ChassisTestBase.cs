using Fulfillment.Messages;
using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Tests.Support;
using Fulfillment.ServiceDefaults.Hosting;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>A fresh database, a fresh embedded Kafka with the platform's topics, and the sample service's behaviour.</summary>
public abstract class ChassisTestBase
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected ITestKafka Kafka { get; private set; } = null!;

    protected string ConnectionString { get; private set; } = null!;

    protected ConsumerBehavior Behavior { get; private set; } = null!;

    [SetUp]
    public async Task StartInfrastructureAsync()
    {
        Kafka = await TestKafka.StartAsync();
        ConnectionString = await TestPostgres.CreateDatabaseAsync("chassis");
        Behavior = new ConsumerBehavior();
    }

    [TearDown]
    public async Task StopInfrastructureAsync() => await Kafka.DisposeAsync();

    protected Task<SampleService> StartServiceAsync(
        IDictionary<string, string?>? settings = null,
        CapturingSink? logs = null,
        Action<ServiceDefaultsBuilder>? defaults = null,
        Action<ConsumerGroupBuilder>? group = null) =>
        SampleService.StartAsync(ConnectionString, Kafka.BootstrapServers, Behavior, settings, logs, defaults, group);

    protected Task<Confluent.Kafka.DeliveryResult<string, byte[]>> ProduceAsync(IEventEnvelope envelope) =>
        KafkaTopic.ProduceAsync(Kafka.BootstrapServers, Topics.OrderEvents, TestEvents.ToMessage(envelope));

    protected static Task<List<HandledEvent>> WaitForHandledAsync(SampleService service, Func<List<HandledEvent>, bool> done, string what) =>
        Eventually.ReturnsAsync(service.HandledAsync, done, Patience, what);
}
