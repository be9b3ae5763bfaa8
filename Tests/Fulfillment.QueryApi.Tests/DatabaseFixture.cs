using Fulfillment.QueryApi.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.QueryApi.Tests;

/// <summary>One real PostgreSQL server for the whole assembly; every test class or test makes its own database.</summary>
/// <remarks>In the root namespace: a set-up fixture covers only the tests in its namespace and below.</remarks>
[SetUpFixture]
public sealed class DatabaseFixture
{
    public static PostgresServer Postgres { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => Postgres = await PostgresServer.StartAsync(CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopAsync() => await Postgres.DisposeAsync();

    /// <summary>A fresh database with query-api's schema (chassis tables and its own migrations).</summary>
    public static async Task<string> CreateQueryDatabaseAsync()
    {
        var connectionString = await Postgres.CreateDatabaseAsync("query", CancellationToken.None);
        await QuerySchema.MigrateAsync(connectionString);
        return connectionString;
    }
}
