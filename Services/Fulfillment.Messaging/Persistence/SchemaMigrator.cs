using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Fulfillment.Messaging.Persistence;

/// <summary>
/// Versioned SQL migrations (no <c>dotnet ef</c> tooling here): embedded <c>*.sql</c> resources of the chassis and of
/// the service, applied once each, in name order, under an advisory lock so that instances starting together agree.
/// Creates the database first when it does not exist.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource database, IEnumerable<MigrationSource> sources, ILogger<SchemaMigrator> logger)
{
    private const long MigrationLockKey = 0x46_75_6C_66_69_6C; // "Fulfil"

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await EnsureDatabaseAsync(cancellationToken);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
        await ExecuteAsync(
            connection,
            transaction,
            "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var query = new NpgsqlCommand("SELECT name FROM schema_migrations", connection, transaction))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        foreach (var (name, sql) in Scripts().Where(s => !applied.Contains(s.Name)))
        {
            await ExecuteAsync(connection, transaction, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (name) VALUES (@name)", connection, transaction);
            record.Parameters.AddWithValue("name", name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            ChassisLog.MigrationApplied(logger, name);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private IEnumerable<(string Name, string Sql)> Scripts() =>
        sources
            .DistinctBy(source => (source.Name, source.Assembly))
            .SelectMany(source => source.Assembly.GetManifestResourceNames()
                .Where(resource => resource.EndsWith(".sql", StringComparison.Ordinal))
                .Select(resource => (Name: $"{source.Name}/{ScriptName(resource)}", Sql: Read(source.Assembly, resource))))
            .OrderBy(script => script.Name.StartsWith("chassis/", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(script => script.Name, StringComparer.Ordinal);

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        var name = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            ChassisLog.DatabaseCreated(logger, name);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it first.
        }
    }

    private static string ScriptName(string resource)
    {
        var withoutExtension = resource[..^".sql".Length];
        var lastDot = withoutExtension.LastIndexOf('.');
        return withoutExtension[(lastDot + 1)..] + ".sql";
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
