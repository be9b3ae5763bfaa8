using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Persistence;
using Fulfillment.Messaging.Tests.Support;
using Fulfillment.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>
/// The migrations through DbUp on a real PostgreSQL: a missing database, the journal's names and order, databases
/// the previous migrator migrated, and instances starting together.
/// </summary>
public sealed class SchemaMigratorTests
{
    private const string ChassisOutboxInbox = "chassis/0001_chassis_outbox_inbox.sql";
    private const string ChassisRetryHolds = "chassis/0002_outbox_retry_holds.sql";
    private const string Service = "service/0001_test_service.sql";

    private static readonly MigrationSource[] Sources =
    [
        new("service", typeof(SampleDbContext).Assembly),
        new("chassis", typeof(MessagingBuilder).Assembly),
    ];

    private readonly List<string> _createdByTheMigrator = [];

    [TearDown]
    public async Task DropCreatedDatabasesAsync()
    {
        // The kit drops what it created on an external server; these the migrator created.
        var server = await TestPostgres.ServerAsync();
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        foreach (var name in _createdByTheMigrator)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Test]
    public async Task A_missing_database_is_created_and_each_script_applied_once_the_chassis_first()
    {
        // "app" sorts before "chassis": the chassis's scripts still come first.
        var connectionString = await MissingDatabaseAsync();
        MigrationSource[] sources = [new("app", typeof(SampleDbContext).Assembly), Sources[1]];

        await Migrator(connectionString, sources).MigrateAsync(CancellationToken.None);
        await Migrator(connectionString, sources).MigrateAsync(CancellationToken.None);

        Assert.That(await JournalAsync(connectionString), Is.EqualTo(new[] { ChassisOutboxInbox, ChassisRetryHolds, "app/0001_test_service.sql" }));
    }

    [Test]
    public async Task A_database_the_previous_migrator_migrated_gets_only_the_scripts_its_journal_lacks()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("migrator_legacy");
        // What the previous migrator left behind before the chassis's 0002 existed: its journal and the objects of
        // the scripts it recorded, with a row of data.
        await Sql.ScalarAsync(connectionString, "CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var (name, source) in new[] { (ChassisOutboxInbox, Sources[1]), (Service, Sources[0]) })
        {
            await Sql.ScalarAsync(connectionString, ScriptText(source, name));
            await Sql.ScalarAsync(connectionString, $"INSERT INTO schema_migrations (name) VALUES ('{name}')");
        }

        await Sql.ScalarAsync(connectionString, "INSERT INTO handled_events (order_id, event_id, sequence) VALUES ('order-1', gen_random_uuid(), 1)");

        // The service's script has no IF NOT EXISTS: applied again, it would fail.
        await Migrator(connectionString, Sources).MigrateAsync(CancellationToken.None);
        await Migrator(connectionString, Sources).MigrateAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await JournalAsync(connectionString), Is.EqualTo(new[] { ChassisOutboxInbox, Service, ChassisRetryHolds }));
            Assert.That(await Sql.CountAsync(connectionString, "SELECT count(*) FROM handled_events"), Is.EqualTo(1));
            Assert.That(await Sql.ScalarAsync(connectionString, "SELECT to_regclass('ix_outbox_messages_retrying') IS NOT NULL"), Is.True, "0002 applied");
            Assert.That(await Sql.CountAsync(connectionString, "SELECT count(*) FROM schema_migrations"), Is.EqualTo(2), "the old journal stays as it was");
        }
    }

    [Test]
    public async Task Instances_migrating_a_missing_database_together_create_it_and_apply_each_script_once()
    {
        var connectionString = await MissingDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator(connectionString, Sources).MigrateAsync(CancellationToken.None))));

        Assert.That(await JournalAsync(connectionString), Is.EqualTo(new[] { ChassisOutboxInbox, ChassisRetryHolds, Service }));
    }

    private static SchemaMigrator Migrator(string connectionString, IEnumerable<MigrationSource> sources) =>
        new(connectionString, sources, NullLogger<SchemaMigrator>.Instance);

    private async Task<string> MissingDatabaseAsync()
    {
        var server = await TestPostgres.ServerAsync();
        var name = "migrator_" + Guid.NewGuid().ToString("N")[..12];
        _createdByTheMigrator.Add(name);
        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task<string[]> JournalAsync(string connectionString) =>
        (string[])(await Sql.ScalarAsync(
            connectionString,
            $"SELECT array_agg(scriptname ORDER BY schemaversionsid) FROM {SchemaMigrator.JournalSchema}.{SchemaMigrator.JournalTable}"))!;

    private static string ScriptText(MigrationSource source, string name)
    {
        var file = name[(name.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var resource = source.Assembly.GetManifestResourceNames().Single(r => r.EndsWith("." + file, StringComparison.Ordinal));
        using var reader = new StreamReader(source.Assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }
}
