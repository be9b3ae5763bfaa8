using Fulfillment.Messages;
using Fulfillment.Testing;
using Npgsql;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>Reads the service's tables directly, with plain SQL: what really committed, not what EF believes.</summary>
public static class OrderDatabase
{
    public static Task<long> CountAsync(string connectionString, string table) =>
        Sql.CountAsync(connectionString, $"SELECT count(*) FROM {table}");

    public static async Task<(long Orders, long Lines, long Keys, long Outbox)> CountAllAsync(string connectionString) =>
        (await CountAsync(connectionString, "orders"),
         await CountAsync(connectionString, "order_lines"),
         await CountAsync(connectionString, "idempotency_keys"),
         await CountAsync(connectionString, "outbox_messages"));

    /// <summary>The outbox rows of one order, oldest first, with their envelopes read back under the contract's rules.</summary>
    public static async Task<IReadOnlyList<OutboxRow>> OutboxRowsAsync(string connectionString, string orderId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT topic, message_key, event_type, correlation_id, envelope FROM outbox_messages WHERE message_key = @key ORDER BY id",
            connection);
        command.Parameters.AddWithValue("key", orderId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync())
        {
            var read = EnvelopeSerializer.Deserialize((byte[])reader[4]);
            if (!read.Succeeded)
            {
                throw new InvalidOperationException($"Outbox envelope unreadable: {read.Reason}");
            }

            rows.Add(new OutboxRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), read.Envelope));
        }

        return rows;
    }

    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters) =>
        await Sql.ScalarAsync(connectionString, sql, parameters) is { } result ? (T)result : default;
}
