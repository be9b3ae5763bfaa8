using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.PaymentService.Tests;

/// <summary>One real PostgreSQL server for every test of the assembly (root namespace); each test gets a fresh database.</summary>
[SetUpFixture]
public sealed class DatabaseFixture
{
    public static PostgresServer Postgres { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => Postgres = await PostgresServer.StartAsync(CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopAsync() => await Postgres.DisposeAsync();
}
