using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Tests.Support;
using Fulfillment.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>The relay on its own: several instances on one database, and a row Kafka refuses.</summary>
public sealed class OutboxRelayTests : ChassisTestBase
{
    private const int Keys = 20;
    private const int PerKey = 50;

    [Test]
    public async Task Two_relays_on_one_database_publish_every_row_once_in_key_order()
    {
        await using var first = await StartServiceAsync(SmallBatches);
        await using var second = await StartServiceAsync(SmallBatches);

        // Each transaction adds one event per key; the two instances take turns writing, so both relays are woken.
        for (var sequence = 1; sequence <= PerKey; sequence++)
        {
            await AddEventsAsync(sequence % 2 == 0 ? first : second, Enumerable.Range(0, Keys).Select(k => ($"order-{k:D2}", sequence)));
        }

        var records = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, Keys * PerKey, Patience);
        await Eventually.ReturnsAsync(() => CountAsync("SELECT count(*) FROM outbox_messages"), count => count == 0, Patience, "outbox drained");
        var extra = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, Keys * PerKey + 1, TimeSpan.FromSeconds(2));

        var sequences = records
            .GroupBy(r => r.Message.Key!)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value).Select(Sequence).ToList());
        Assert.Multiple(() =>
        {
            Assert.That(extra, Has.Count.EqualTo(Keys * PerKey), "every row published once");
            Assert.That(sequences, Has.Count.EqualTo(Keys));
            Assert.That(sequences.Values, Has.All.EqualTo(Enumerable.Range(1, PerKey).ToList()), "each key in commit order");
        });
    }

    [Test]
    public async Task A_row_Kafka_refuses_is_retried_and_holds_back_only_its_key()
    {
        await using var service = await StartServiceAsync(new Dictionary<string, string?>
        {
            ["Outbox:MinRetryDelay"] = "00:00:00.050",
            ["Outbox:MaxRetryDelay"] = "00:00:00.200",
        });

        // Larger than the producer's message.max.bytes (1,000,000): librdkafka refuses it on every attempt.
        await AddEventsAsync(service, [("order-huge", 1), ("order-huge", 2), ("order-fine", 1)], hugeKey: "order-huge");

        var published = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 1, Patience);
        await Eventually.ReturnsAsync(
            () => CountAsync("SELECT max(attempts) FROM outbox_messages WHERE message_key = 'order-huge'"),
            attempts => attempts >= 3, Patience, "the refused row retried");
        var later = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 2, TimeSpan.FromSeconds(2));

        Assert.Multiple(async () =>
        {
            Assert.That(published.Single().Message.Key, Is.EqualTo("order-fine"), "other keys flow");
            Assert.That(later, Has.Count.EqualTo(1), "the refused row's later sibling waits behind it");
            Assert.That(await CountAsync("SELECT count(*) FROM outbox_messages WHERE message_key = 'order-huge'"), Is.EqualTo(2));
            Assert.That(await CountAsync("SELECT count(*) FROM outbox_messages WHERE last_error ILIKE '%size%'"), Is.EqualTo(1),
                "the reason is kept on the row");
        });
    }

    [Test]
    public async Task A_row_that_commits_after_later_rows_were_published_is_still_published()
    {
        await using var service = await StartServiceAsync(SmallBatches);

        // The late row takes its id first, then waits uncommitted while rows with higher ids are published, so the
        // relay has read past it when it commits: only a read from below what was read can find it.
        await using var lateScope = service.Services.CreateAsyncScope();
        var lateDb = lateScope.ServiceProvider.GetRequiredService<SampleDbContext>();
        await using var late = await lateDb.Database.BeginTransactionAsync();
        lateScope.ServiceProvider.GetRequiredService<IEventOutbox>().Add("order-late", Reserved(1), "corr-late");
        await lateDb.SaveChangesAsync();

        await AddEventsAsync(service, Enumerable.Range(0, Keys).Select(k => ($"order-{k:D2}", 1)));
        var early = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, Keys, Patience);
        await late.CommitAsync();
        var all = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, Keys + 1, Patience);

        Assert.Multiple(() =>
        {
            Assert.That(early.Select(r => r.Message.Key), Has.None.EqualTo("order-late"));
            Assert.That(all.Select(r => r.Message.Key), Has.One.EqualTo("order-late"));
        });
    }

    [Test]
    public async Task Rows_held_back_behind_a_refused_row_leave_in_key_order_once_it_is_published()
    {
        await using var service = await StartServiceAsync(new Dictionary<string, string?>
        {
            ["Outbox:MinRetryDelay"] = "00:00:00.050",
            ["Outbox:MaxRetryDelay"] = "00:00:00.200",
        });

        // 1 is refused (too large) and 2 held back behind it; 3 comes later, while 1 is still refused.
        await AddEventsAsync(service, [("order-huge", 1), ("order-huge", 2)], hugeKey: "order-huge");
        await Eventually.ReturnsAsync(
            () => CountAsync("SELECT max(attempts) FROM outbox_messages WHERE message_key = 'order-huge'"), attempts => attempts >= 2, Patience, "1 refused twice");
        await AddEventsAsync(service, [("order-huge", 3), ("order-fine", 1)]);
        await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 1, Patience);

        // Now 1 becomes publishable: its next retry goes through.
        await CountAsync("""
            UPDATE outbox_messages
            SET envelope = convert_to(replace(convert_from(envelope, 'UTF8'), repeat('x', 1100000), 'res-1'), 'UTF8')
            WHERE attempts > 0
            RETURNING 0
            """);
        var records = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 4, Patience);

        var huge = records.Where(r => r.Message.Key == "order-huge").OrderBy(r => r.Offset.Value).Select(Sequence);
        Assert.That(huge, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task A_refused_row_whose_retry_is_due_leaves_before_the_later_rows_of_its_key()
    {
        await using var service = await StartServiceAsync(SmallBatches);
        await AddEventsAsync(service, [("order-first", 1)]);
        await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 1, Patience);
        await Eventually.ReturnsAsync(() => CountAsync("SELECT count(*) FROM outbox_messages"), count => count == 0, Patience, "outbox drained");

        // Row 1 of order-held, refused once and due for its retry now, with an id below everything read so far; then
        // row 2 of the same key, above it.
        await CountAsync("""
            INSERT INTO outbox_messages (id, event_id, topic, message_key, event_type, correlation_id, envelope, created_at, attempts, next_attempt_at)
            OVERRIDING SYSTEM VALUE
            VALUES (-1, gen_random_uuid(), 'raw.inventory-events', 'order-held', 'inventory.reserved', 'corr',
                    convert_to('{"payload":{"amount":1}}', 'UTF8'), now(), 1, now() - interval '1 second')
            RETURNING 0
            """);
        await AddEventsAsync(service, [("order-held", 2), ("order-other", 1)]);

        var records = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, 4, Patience);

        var held = records.Where(r => r.Message.Key == "order-held").OrderBy(r => r.Offset.Value).Select(Sequence);
        Assert.That(held, Is.EqualTo(new[] { 1, 2 }), "the later row must not overtake the refused one");
    }

    [Test]
    public async Task The_relay_gives_its_connections_back_to_the_pool_with_durable_commits()
    {
        // The test server runs without synchronous commits; the service's sessions start with them, as in production,
        // and without Npgsql's reset on close (a common setting), so only the relay's own reset puts them back.
        var durableSessions = SmallBatches;
        durableSessions["ConnectionStrings:Database"] = $"{ConnectionString};Options=-c synchronous_commit=on;No Reset On Close=true";
        await using var service = await StartServiceAsync(durableSessions);
        await AddEventsAsync(service, Enumerable.Range(0, Keys).Select(k => ($"order-{k:D2}", 1)));
        await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, Keys, Patience);
        await Eventually.ReturnsAsync(() => CountAsync("SELECT count(*) FROM outbox_messages"), count => count == 0, Patience, "outbox drained");

        // Every connection the pool holds, at once, so that the relay's two are among them.
        var pool = service.Services.GetRequiredService<NpgsqlDataSource>();
        var connections = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => pool.OpenConnectionAsync().AsTask()));
        var settings = new List<(string SynchronousCommit, string BitmapScans)>();
        foreach (var connection in connections)
        {
            await using (connection)
            {
                await using var show = new NpgsqlCommand("SELECT current_setting('synchronous_commit'), current_setting('enable_bitmapscan')", connection);
                await using var reader = await show.ExecuteReaderAsync();
                await reader.ReadAsync();
                settings.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(settings.Select(s => s.SynchronousCommit), Has.All.EqualTo("on"), "the services' own transactions must wait for their WAL");
            Assert.That(settings.Select(s => s.BitmapScans), Has.All.EqualTo("on"), "the services' own queries keep every plan");
        });
    }

    private static Dictionary<string, string?> SmallBatches => new() { ["Outbox:BatchSize"] = "7" };

    private static int Sequence(Confluent.Kafka.ConsumeResult<string?, byte[]?> record)
    {
        using var envelope = JsonDocument.Parse(record.Message.Value);
        return envelope.RootElement.GetProperty("payload").GetProperty("amount").GetInt32();
    }

    private static async Task AddEventsAsync(SampleService service, IEnumerable<(string OrderId, int Sequence)> events, string? hugeKey = null)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SampleDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<IEventOutbox>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var huge = hugeKey;
        foreach (var (orderId, sequence) in events)
        {
            var reservation = orderId == huge ? new string('x', 1_100_000) : $"res-{sequence}";
            huge = orderId == huge ? null : huge;
            outbox.Add(orderId, Reserved(sequence, reservation), $"corr-{orderId}");
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static InventoryReserved Reserved(int sequence, string? reservation = null) =>
        new(reservation ?? $"res-{sequence}", "WH-1", [new StockLine("SKU-1", 1)], "customer-1", sequence, "EUR", new GeoPoint(52.37, 4.89));

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
