using Fulfillment.EmbeddedKafka.Broker;
using Fulfillment.Messages;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests;

/// <summary>
/// One PostgreSQL server and one embedded Kafka for the whole assembly (a set-up fixture in the root namespace covers
/// every test); each test takes its own database.
/// </summary>
[SetUpFixture]
public sealed class TestEnvironment
{
    public static PostgresServer Postgres { get; private set; } = null!;

    public static EmbeddedKafkaCluster Kafka { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Postgres = await PostgresServer.StartAsync(CancellationToken.None);
        Kafka = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Topics = [.. Topics.All], Partitions = 6 });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Kafka.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
