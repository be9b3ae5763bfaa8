using Fulfillment.QueryApi.Orders.Rebuild;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Fulfillment.QueryApi.Tests.Rebuild;

/// <summary>The start-up check on its own: when it truncates, what it forgets, and what it refuses.</summary>
public sealed class ReadModelRebuilderTests
{
    [Test]
    public async Task The_same_generation_keeps_the_read_model()
    {
        var (database, sql) = await SeededDatabaseAsync();

        await StartAsync(database, generation: 0);

        Assert.Multiple(async () =>
        {
            Assert.That(await sql.ScalarAsync("SELECT count(*) FROM orders"), Is.EqualTo(1));
            Assert.That(await sql.InboxRowsAsync("query-api"), Is.EqualTo(1));
            Assert.That(await sql.GenerationAsync(), Is.Zero);
        });
    }

    [Test]
    public async Task A_higher_generation_empties_the_read_model_and_forgets_only_the_read_models_inbox()
    {
        var (database, sql) = await SeededDatabaseAsync();

        await StartAsync(database, generation: 2);
        await StartAsync(database, generation: 2);

        Assert.Multiple(async () =>
        {
            Assert.That(await sql.ScalarAsync("SELECT count(*) FROM orders"), Is.Zero);
            Assert.That(await sql.ScalarAsync("SELECT count(*) FROM order_timeline"), Is.Zero);
            Assert.That(await sql.InboxRowsAsync("query-api"), Is.Zero);
            Assert.That(await sql.InboxRowsAsync("query-api-saga"), Is.EqualTo(1), "the saga's inbox is not the read model's");
            Assert.That(await sql.ScalarAsync("SELECT count(*) FROM dead_letters"), Is.EqualTo(1), "dead letters are not rebuilt");
            Assert.That(await sql.GenerationAsync(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_lower_generation_is_refused()
    {
        var (database, sql) = await SeededDatabaseAsync();
        await StartAsync(database, generation: 1);
        await sql.InsertStrayOrderAsync("kept");

        Assert.That(async () => await StartAsync(database, generation: 0), Throws.InvalidOperationException);
        Assert.That(await sql.ScalarAsync("SELECT count(*) FROM orders"), Is.EqualTo(1), "nothing was truncated");
    }

    [Test]
    public void The_consumer_group_follows_the_generation()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new ReadModelOptions().ConsumerGroup, Is.EqualTo("query-api"));
            Assert.That(new ReadModelOptions { Generation = 3 }.ConsumerGroup, Is.EqualTo("query-api-g3"));
        });
    }

    private static async Task StartAsync(string database, int generation)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        var rebuilder = new ReadModelRebuilder(
            dataSource, Options.Create(new ReadModelOptions { Generation = generation }), NullLogger<ReadModelRebuilder>.Instance);
        await rebuilder.StartingAsync(CancellationToken.None);
    }

    private static async Task<(string Database, ReadModelDatabase Sql)> SeededDatabaseAsync()
    {
        var database = await QueryDatabase.CreateAsync();
        var sql = new ReadModelDatabase(database);
        await sql.InsertStrayOrderAsync("order-1");
        await sql.ScalarAsync(
            """
            INSERT INTO order_timeline (event_id, order_id, event_type, occurred_at, producer, correlation_id, payload)
            VALUES (gen_random_uuid(), 'order-1', 'order.created', now(), 'order-service', 'order-1', '{}')
            """);
        await sql.ScalarAsync(
            "INSERT INTO inbox_messages (consumer_group, event_id) VALUES ('query-api', gen_random_uuid()), ('query-api-saga', gen_random_uuid())");
        await sql.ScalarAsync(
            """INSERT INTO dead_letters (topic, partition, "offset", headers) VALUES ('dlq.order-events', 0, 0, '[]')""");
        return (database, sql);
    }
}
