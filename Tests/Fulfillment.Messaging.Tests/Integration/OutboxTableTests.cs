using Fulfillment.Messaging.Outbox;
using Npgsql;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>The relay's statements on the outbox table, on a real PostgreSQL (the relay itself switched off).</summary>
public sealed class OutboxTableTests : ChassisTestBase
{
    [Test]
    public async Task Deleting_sent_rows_removes_exactly_those_rows_whether_their_ids_are_dense_or_not()
    {
        await using var service = await StartServiceAsync(new Dictionary<string, string?> { ["Outbox:RelayEnabled"] = "false" });
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var ids = await InsertRowsAsync(connection, 6);

        // A row held back between two sent ones must stay; then a dense run of ids goes as a range.
        await OutboxTable.DeleteAsync(connection, null, [ids[0], ids[2]], CancellationToken.None);
        await OutboxTable.DeleteAsync(connection, null, [ids[4], ids[3]], CancellationToken.None);

        Assert.That(await RemainingAsync(connection), Is.EqualTo(new[] { ids[1], ids[5] }));
    }

    private static async Task<long[]> InsertRowsAsync(NpgsqlConnection connection, int count)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO outbox_messages (event_id, topic, message_key, event_type, correlation_id, envelope, created_at)
            SELECT gen_random_uuid(), 'raw.inventory-events', 'order-1', 'inventory.reserved', 'corr-1', '\x7b7d'::bytea, now()
            FROM generate_series(1, @count)
            RETURNING id
            """, connection);
        insert.Parameters.AddWithValue("count", count);
        var ids = new List<long>();
        await using var reader = await insert.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids.Order()];
    }

    private static async Task<long[]> RemainingAsync(NpgsqlConnection connection)
    {
        await using var query = new NpgsqlCommand("SELECT id FROM outbox_messages ORDER BY id", connection);
        var ids = new List<long>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }
}
