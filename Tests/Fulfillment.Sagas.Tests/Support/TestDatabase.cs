using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Persistence;
using Fulfillment.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Fulfillment.Sagas.Tests.Support;

/// <summary>
/// One private PostgreSQL server for the test assembly, started on first use (tests without a database never wait
/// for it), and fresh databases migrated like query_db: the chassis tables plus the saga's.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _server;

    /// <summary>A new database without any table.</summary>
    public static async Task<string> CreateEmptyAsync(string prefix, CancellationToken cancellationToken = default) =>
        await (await ServerAsync(cancellationToken)).CreateDatabaseAsync(prefix, cancellationToken);

    public static async Task<string> CreateMigratedAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var connectionString = await CreateEmptyAsync(prefix, cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(
                dataSource,
                [new MigrationSource("chassis", typeof(MessagingBuilder).Assembly), OrderSagaHostingExtensions.Migrations],
                NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(cancellationToken);
        return connectionString;
    }

    /// <summary>Called once after every test of the assembly (<see cref="Tests.AssemblySetup"/>).</summary>
    public static async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    private static async Task<PostgresServer> ServerAsync(CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return _server ??= await PostgresServer.StartAsync(cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }
}
