using Fulfillment.Testing;
using Npgsql;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Embedded;

[TestFixture]
public sealed class PostgresServerTests
{
    private PostgresServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await PostgresServer.StartAsync(CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    [CancelAfter(30_000)]
    public async Task A_created_database_is_fresh_empty_and_usable(CancellationToken cancellationToken)
    {
        var connectionString = await _server.CreateDatabaseAsync("Chassis-Tests", cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.That(builder.Database, Does.StartWith("chassis_tests_"));
        Assert.That(builder.IncludeErrorDetail, Is.True);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            "CREATE TABLE probe (id int PRIMARY KEY, note text NOT NULL); INSERT INTO probe VALUES (1, 'first'), (2, 'second');",
            connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var query = new NpgsqlCommand("SELECT current_database(), string_agg(note, ',' ORDER BY id) FROM probe", connection);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        Assert.That(await reader.ReadAsync(cancellationToken), Is.True);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reader.GetString(0), Is.EqualTo(builder.Database));
            Assert.That(reader.GetString(1), Is.EqualTo("first,second"));
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Each_created_database_is_separate(CancellationToken cancellationToken)
    {
        var first = await _server.CreateDatabaseAsync("separate", cancellationToken);
        var second = await _server.CreateDatabaseAsync("separate", cancellationToken);
        Assert.That(new NpgsqlConnectionStringBuilder(first).Database, Is.Not.EqualTo(new NpgsqlConnectionStringBuilder(second).Database));

        await using (var connection = new NpgsqlConnection(first))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand("CREATE TABLE only_in_first (id int)", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var other = new NpgsqlConnection(second);
        await other.OpenAsync(cancellationToken);
        await using var lookup = new NpgsqlCommand("SELECT to_regclass('only_in_first') IS NULL", other);
        Assert.That(await lookup.ExecuteScalarAsync(cancellationToken), Is.True);
    }

    [Test]
    public void A_private_server_exposes_where_it_listens_and_its_tools()
    {
        Assume.That(_server.IsExternal, Is.False, $"{PostgresServer.ExternalServerVariable} names an external server");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_server.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(_server.Port, Is.GreaterThan(0));
            Assert.That(Path.Combine(_server.BinDirectory!, "pgbench"), Does.Exist);
            Assert.That(new NpgsqlConnectionStringBuilder(_server.AdminConnectionString).Database, Is.EqualTo("postgres"));
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Disposing_a_private_server_stops_it_and_removes_its_directory(CancellationToken cancellationToken)
    {
        Assume.That(Environment.GetEnvironmentVariable(PostgresServer.ExternalServerVariable), Is.Null.Or.Empty);
        var server = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true }, cancellationToken);
        var directory = Path.GetDirectoryName(server.LogFile)!;
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var fsync = new NpgsqlCommand("SHOW fsync", connection);
            Assert.That(await fsync.ExecuteScalarAsync(cancellationToken), Is.EqualTo("on"), "durable servers keep fsync");
        }

        await server.DisposeAsync();

        Assert.That(directory, Does.Not.Exist);
        Assert.That(async () =>
        {
            await using var connection = new NpgsqlConnection(server.AdminConnectionString);
            await connection.OpenAsync(cancellationToken);
        }, Throws.InstanceOf<NpgsqlException>());
    }
}
