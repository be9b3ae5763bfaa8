using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Fulfillment.Messaging.Outbox;

/// <summary>Inserts a unit of work's outbox rows in one statement, in their order, inside its transaction.</summary>
internal static class OutboxWriter
{
    private const string InsertSql = """
        INSERT INTO outbox_messages (event_id, topic, message_key, event_type, correlation_id, traceparent, envelope, created_at)
        SELECT event_id, topic, message_key, event_type, correlation_id, traceparent, envelope, created_at
        FROM unnest(@event_ids, @topics, @keys, @event_types, @correlation_ids, @traceparents, @envelopes, @created_at)
            WITH ORDINALITY AS row(event_id, topic, message_key, event_type, correlation_id, traceparent, envelope, created_at, position)
        ORDER BY position
        """;

    public static async Task<int> InsertAsync(DbContext db, IReadOnlyList<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Outbox rows are written inside the unit of work's transaction.");
        await using var command = new NpgsqlCommand(
            InsertSql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.AddWithValue("event_ids", rows.Select(r => r.EventId).ToArray());
        command.Parameters.AddWithValue("topics", rows.Select(r => r.Topic).ToArray());
        command.Parameters.AddWithValue("keys", rows.Select(r => r.MessageKey).ToArray());
        command.Parameters.AddWithValue("event_types", rows.Select(r => r.EventType).ToArray());
        command.Parameters.AddWithValue("correlation_ids", rows.Select(r => r.CorrelationId).ToArray());
        command.Parameters.Add(new NpgsqlParameter("traceparents", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = rows.Select(r => (object?)r.TraceParent ?? DBNull.Value).ToArray(),
        });
        command.Parameters.AddWithValue("envelopes", rows.Select(r => r.Envelope).ToArray());
        command.Parameters.AddWithValue("created_at", rows.Select(r => r.CreatedAt).ToArray());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
