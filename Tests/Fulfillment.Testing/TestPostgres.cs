using System.Reflection;
using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fulfillment.Testing;

/// <summary>
/// The test assembly's one PostgreSQL server (a <see cref="PostgresServer"/>: in a container or private, as
/// <see cref="TestInfrastructure"/> chose), started on first use so that tests without a database never wait for it,
/// and stopped by <see cref="SharedInfrastructure.StopAsync"/>. Every test class or test takes its own fresh database
/// from it.
/// </summary>
public static class TestPostgres
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PostgresServer? _server;

    /// <summary>The shared server, started now if no test has needed it yet.</summary>
    public static async Task<PostgresServer> ServerAsync(CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            return _server ??= await StartServerAsync(cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// A server of the caller's own (the end-to-end platform's), the kind <see cref="TestInfrastructure"/> chose: a
    /// container, or <see cref="PostgresServer.StartAsync(CancellationToken)"/>'s (<c>FULFILLMENT_TEST_POSTGRES</c> or a
    /// private server); the caller disposes it.
    /// </summary>
    public static Task<PostgresServer> StartServerAsync(CancellationToken cancellationToken = default) =>
        TestInfrastructure.Current.PostgresInContainer
            ? PostgresServer.StartContainerAsync(TestInfrastructure.PostgresImage, cancellationToken)
            : PostgresServer.StartAsync(cancellationToken);

    /// <summary>A new database without any table; its name starts with <paramref name="prefix"/>.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default) =>
        await (await ServerAsync(cancellationToken)).CreateDatabaseAsync(prefix, cancellationToken);

    /// <summary>
    /// A new database migrated as the service migrates its own at start-up: the messaging tables first, then the
    /// service's SQL scripts embedded in <paramref name="serviceAssembly"/>.
    /// </summary>
    public static Task<string> CreateMigratedDatabaseAsync(string prefix, Assembly serviceAssembly, CancellationToken cancellationToken = default) =>
        CreateMigratedDatabaseAsync(prefix, [new MigrationSource("service", serviceAssembly)], cancellationToken);

    /// <summary>The same with the migration sources named: the messaging tables first, then <paramref name="sources"/>.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync(
        string prefix, IReadOnlyList<MigrationSource> sources, CancellationToken cancellationToken = default)
    {
        var connectionString = await CreateDatabaseAsync(prefix, cancellationToken);
        await new SchemaMigrator(
                connectionString,
                [new MigrationSource("chassis", typeof(MessagingBuilder).Assembly), .. sources],
                NullLogger<SchemaMigrator>.Instance)
            .MigrateAsync(cancellationToken);
        return connectionString;
    }

    /// <summary>Stops the server if one was started (a later use starts a new one).</summary>
    public static async Task StopAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
                _server = null;
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}
