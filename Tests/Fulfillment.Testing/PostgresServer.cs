using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Fulfillment.Testing;

/// <summary>
/// A PostgreSQL server for tests and benchmarks: the one named by <c>FULFILLMENT_TEST_POSTGRES</c> (a connection
/// string, used as is), otherwise a private throw-away server started from the newest installed
/// <c>/usr/lib/postgresql/*/bin</c> in a temporary directory and removed again on dispose; or one in a container
/// (<see cref="StartContainerAsync"/>), removed with its container.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so when the test process is privileged the private server's tools run as the
/// <c>postgres</c> system user (through <c>runuser</c>), which then owns the temporary directory. The private server
/// listens on 127.0.0.1 only, trusts every local connection and allows 300 connections. A test process that is
/// killed outright leaves the server running; its directory name starts with <c>fulfillment-pg-</c> under the
/// temporary directory.
/// </remarks>
public sealed partial class PostgresServer : IAsyncDisposable
{
    public const string ExternalServerVariable = "FULFILLMENT_TEST_POSTGRES";
    private const string PostgresInstallRoot = "/usr/lib/postgresql";
    private const int MaxIdentifierLength = 63;

    private readonly PostgresInstance? _private;
    private readonly PostgreSqlContainer? _container;
    private readonly ConcurrentBag<string> _handedOut = [];
    private int _disposed;

    private PostgresServer(
        string adminConnectionString, string host, int port, string? binDirectory, PostgresInstance? privateServer, PostgreSqlContainer? container = null)
    {
        AdminConnectionString = adminConnectionString;
        Host = host;
        Port = port;
        BinDirectory = binDirectory;
        _private = privateServer;
        _container = container;
    }

    /// <summary>A superuser connection to the <c>postgres</c> database (for an external server: as configured).</summary>
    public string AdminConnectionString { get; }

    public string Host { get; }

    public int Port { get; }

    /// <summary>The PostgreSQL tools (pgbench, psql, ...), or null when none are installed (external server only).</summary>
    public string? BinDirectory { get; }

    /// <summary>True when the server comes from <c>FULFILLMENT_TEST_POSTGRES</c> and is not ours to stop.</summary>
    public bool IsExternal => _private is null && _container is null;

    /// <summary>The private server's log, for diagnosing a failing test; null for an external server.</summary>
    public string? LogFile => _private?.LogFile;

    public static Task<PostgresServer> StartAsync(CancellationToken cancellationToken) =>
        StartAsync(options: null, cancellationToken);

    public static async Task<PostgresServer> StartAsync(PostgresServerOptions? options, CancellationToken cancellationToken)
    {
        options ??= new PostgresServerOptions();

        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return External(external);
        }

        var binDirectory = FindNewestBinDirectory()
            ?? throw new InvalidOperationException(
                $"No PostgreSQL server binaries under {PostgresInstallRoot}/*/bin (apt-get install postgresql), " +
                $"and {ExternalServerVariable} does not name a server to use instead.");

        var server = await PostgresInstance.StartAsync(binDirectory, options.Durable, cancellationToken);
        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = server.Port,
            Username = PostgresInstance.SuperUser,
            Database = "postgres",
            IncludeErrorDetail = true,
        };
        return new PostgresServer(admin.ConnectionString, admin.Host, server.Port, binDirectory, server);
    }

    /// <summary>
    /// A server in a container of <paramref name="image"/> (Testcontainers.PostgreSql), stopped and removed on dispose.
    /// Like the private server it allows 300 connections (the image's default is 100); the module already runs it without fsync.
    /// </summary>
    public static async Task<PostgresServer> StartContainerAsync(string image, CancellationToken cancellationToken)
    {
        var container = new PostgreSqlBuilder(image).WithCommand("-c", "max_connections=300").Build();
        try
        {
            await container.StartAsync(cancellationToken);
            var admin = new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Database = "postgres", IncludeErrorDetail = true };
            return new PostgresServer(
                admin.ConnectionString, admin.Host!, admin.Port, FindNewestBinDirectory(), privateServer: null, container);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A server that is already running (not ours to stop), reached with <paramref name="adminConnectionString"/>: as
    /// with <c>FULFILLMENT_TEST_POSTGRES</c>, disposing drops only the databases created through this instance.
    /// </summary>
    public static PostgresServer External(string adminConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(adminConnectionString);
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString);
        return new PostgresServer(
            adminConnectionString, builder.Host ?? "localhost", builder.Port, FindNewestBinDirectory(), privateServer: null);
    }

    /// <summary>Creates an empty database with a unique name starting with <paramref name="namePrefix"/>.</summary>
    /// <returns>A connection string to the new database, with error details included.</returns>
    public async Task<string> CreateDatabaseAsync(string namePrefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(namePrefix);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var prefix = UnsafeIdentifierCharacters().Replace(namePrefix.ToLowerInvariant(), "_");
        var suffix = "_" + Guid.NewGuid().ToString("N")[..12];
        var name = prefix[..Math.Min(prefix.Length, MaxIdentifierLength - suffix.Length)] + suffix;

        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = name,
            IncludeErrorDetail = true,
        }.ConnectionString;
        _handedOut.Add(connectionString);
        return connectionString;
    }

    /// <summary>
    /// Fault injection on a private server: kills it with <c>pg_ctl stop -m immediate</c> and starts it again after
    /// <paramref name="downtime"/> on the same data directory and port (crash recovery replays the WAL).
    /// </summary>
    /// <exception cref="InvalidOperationException">The server is external (not ours to crash).</exception>
    public Task CrashAndRestartAsync(TimeSpan downtime, CancellationToken cancellationToken) =>
        (_private ?? throw new InvalidOperationException("Only a private server can be crashed and restarted."))
            .CrashAndRestartAsync(downtime, cancellationToken);

    /// <summary>
    /// Stops and removes a private server. On an external server it drops the databases this instance created
    /// (best effort), so a shared server does not fill up with test databases.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Pooled connections would otherwise linger: broken once the server is gone, or blocking DROP DATABASE.
        foreach (var connectionString in _handedOut.Append(AdminConnectionString))
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        if (_private is not null)
        {
            await _private.StopAsync();
            return;
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
            return;
        }

        await DropCreatedDatabasesAsync();
    }

    private async Task DropCreatedDatabasesAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            foreach (var connectionString in _handedOut)
            {
                var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException)
        {
            // Leftover test databases on an external server are untidy, not a reason to fail the run.
        }
    }

    /// <summary>The highest-versioned <c>/usr/lib/postgresql/N/bin</c> that holds initdb and pg_ctl.</summary>
    internal static string? FindNewestBinDirectory()
    {
        if (!Directory.Exists(PostgresInstallRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(PostgresInstallRoot)
            .Select(directory => (Version: ParseVersion(Path.GetFileName(directory)), Bin: Path.Combine(directory, "bin")))
            .Where(candidate => candidate.Version is not null
                && File.Exists(Path.Combine(candidate.Bin, "initdb"))
                && File.Exists(Path.Combine(candidate.Bin, "pg_ctl")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    private static Version? ParseVersion(string name) =>
        int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            ? new Version(major, 0)
            : Version.TryParse(name, out var version) ? version : null;

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex UnsafeIdentifierCharacters();
}
