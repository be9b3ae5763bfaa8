using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>One real PostgreSQL server for the integration tests; each test gets its own database and Kafka.</summary>
[SetUpFixture]
public sealed class IntegrationFixture
{
    public static PostgresServer Postgres { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => Postgres = await PostgresServer.StartAsync(CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopAsync() => await Postgres.DisposeAsync();
}
