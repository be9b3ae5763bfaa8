using System.Reflection;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Fulfillment.Messaging.Persistence;

/// <summary>
/// Versioned SQL migrations with DbUp: creates the database when it does not exist, then applies the embedded
/// <c>*.sql</c> resources of every <see cref="MigrationSource"/> once each, the chassis's first, in one transaction,
/// journalled in DbUp's <c>schemaversions</c> table as <c>source/file.sql</c> (decision 0014).
/// </summary>
/// <param name="connectionString">
/// The configured connection string, not the data source's: that one drops the password, which creating the
/// database (connecting to <c>postgres</c>) needs.
/// </param>
/// <param name="sources">The assemblies whose scripts to apply; a source registered twice counts once.</param>
/// <param name="logger">DbUp's own lines (through its Microsoft.Extensions.Logging adapter) and ours.</param>
public sealed class SchemaMigrator(string connectionString, IEnumerable<MigrationSource> sources, ILogger<SchemaMigrator> logger)
{
    /// <summary>DbUp's journal, named explicitly so that the SQL below and the tests name the same table.</summary>
    public const string JournalSchema = "public";

    public const string JournalTable = "schemaversions";

    /// <summary>The journal of the migrator DbUp replaced; read once more by <see cref="ImportLegacyJournal"/>.</summary>
    public const string LegacyJournalTable = "schema_migrations";

    // The key the previous migrator took with pg_advisory_xact_lock: a session lock on it excludes an instance of an
    // older build too, during a rolling deployment.
    private const long MigrationLockKey = 0x46_75_6C_66_69_6C; // "Fulfil"

    /// <summary>
    /// Entries of the previous migrator's journal that DbUp's lacks, copied with their times. The DDL is the one
    /// DbUp's PostgresqlTableJournal creates, so DbUp finds its table and goes on from there. The old table stays
    /// untouched: an older build rolled back to still finds its own journal.
    /// </summary>
    private static readonly string ImportLegacyJournalSql = $"""
        CREATE TABLE IF NOT EXISTS {JournalSchema}.{JournalTable} (
            schemaversionsid serial NOT NULL,
            scriptname character varying(255) NOT NULL,
            applied timestamp without time zone NOT NULL,
            CONSTRAINT "PK_{JournalTable}_Id" PRIMARY KEY (schemaversionsid)
        );
        INSERT INTO {JournalSchema}.{JournalTable} (scriptname, applied)
        SELECT name, applied_at AT TIME ZONE 'UTC'
        FROM {LegacyJournalTable} legacy
        WHERE NOT EXISTS (SELECT 1 FROM {JournalSchema}.{JournalTable} journal WHERE journal.scriptname = legacy.name)
        ORDER BY applied_at, name;
        """;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        // Unpooled: the migrator's few connections close with it instead of idling in a pool of their own.
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        var log = new MicrosoftUpgradeLog(logger);
        CreateDatabaseIfMissing(target, log);

        // DbUp takes no lock of its own: instances starting together queue here, and the later ones find the
        // scripts journalled. The lock belongs to this connection's session and ends with it.
        await using var lockConnection = new NpgsqlConnection(target);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var acquire = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
        {
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        await ImportLegacyJournal(lockConnection, cancellationToken);

        var result = DeployChanges.To
            .PostgresqlDatabase(target)
            .WithScripts(Scripts())
            .JournalToPostgresqlTable(JournalSchema, JournalTable)
            // All or nothing, as before: a failing script leaves neither its predecessors nor journal rows behind.
            .WithTransaction()
            // Plain SQL: DbUp's $variable$ substitution would misread dollar-quoted PostgreSQL bodies.
            .WithVariablesDisabled()
            .LogTo(logger)
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed; none was applied.", result.Error);
        }

        foreach (var script in result.Scripts)
        {
            ChassisLog.MigrationApplied(logger, script.Name);
        }
    }

    private static void CreateDatabaseIfMissing(string target, IUpgradeLog log)
    {
        try
        {
            EnsureDatabase.For.PostgresqlDatabase(target, log);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase
            || ex is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "pg_database_datname_index" })
        {
            // Another instance created it between DbUp's check and its CREATE DATABASE: PostgreSQL reports that as
            // a duplicate database, or, when both CREATE DATABASE statements overlap, as pg_database's unique key.
        }
    }

    private static async Task ImportLegacyJournal(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('{LegacyJournalTable}') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var import = new NpgsqlCommand(ImportLegacyJournalSql, connection, transaction))
        {
            await import.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Every source's scripts named <c>source/file.sql</c>, so that equal file names of two sources stay apart in
    /// the journal (and match what the previous migrator recorded). The chassis's run first (its tables are what
    /// the others build on), then DbUp orders by name.
    /// </summary>
    private List<SqlScript> Scripts() =>
        [.. sources
            .DistinctBy(source => (source.Name, source.Assembly))
            .SelectMany(source => source.Assembly.GetManifestResourceNames()
                .Where(resource => resource.EndsWith(".sql", StringComparison.Ordinal))
                .Select(resource => new SqlScript(
                    $"{source.Name}/{ScriptName(resource)}",
                    Read(source.Assembly, resource),
                    new SqlScriptOptions { RunGroupOrder = source.Name == "chassis" ? 0 : 1 })))];

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
}
