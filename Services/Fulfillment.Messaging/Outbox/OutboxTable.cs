using Npgsql;

namespace Fulfillment.Messaging.Outbox;

/// <summary>The relay's statements on <c>outbox_messages</c>, all on the connection that holds the drain lock.</summary>
internal static class OutboxTable
{
    // The oldest ready rows, skipping those in flight. Rows in flight fill the id range [@low, @high] except for @gaps
    // (rows that were not yet committed, or held back, when that range was read), so the read takes the rows below the
    // range, the gaps and the rows above it: three index range scans that never walk over the rows in flight. A row
    // waiting for its retry holds back its key's later rows, which keeps each key in order. No row lock: one relay
    // drains a database at a time.
    private const string ReadySql = $"""
        SELECT * FROM (
            (SELECT {Columns} FROM outbox_messages o WHERE o.id < @low AND {IsReady} ORDER BY o.id LIMIT @limit)
            UNION ALL
            (SELECT {Columns} FROM outbox_messages o WHERE o.id = ANY(@gaps) AND {IsReady})
            UNION ALL
            (SELECT {Columns} FROM outbox_messages o WHERE o.id > @high AND {IsReady} ORDER BY o.id LIMIT @limit)) ready
        ORDER BY id
        LIMIT @limit
        """;

    private const string Columns = "o.id, o.event_id, o.topic, o.message_key, o.event_type, o.correlation_id, o.traceparent, o.envelope, o.attempts";

    private const string IsReady = """
        o.next_attempt_at <= now()
        AND NOT EXISTS (
            SELECT 1 FROM outbox_messages waiting
            WHERE waiting.attempts > 0 AND waiting.next_attempt_at > now()
              AND waiting.message_key = o.message_key AND waiting.id < o.id)
        """;

    private const string DeleteSql = "DELETE FROM outbox_messages WHERE id = ANY(@ids)";

    // Ids are unique, so when a batch's ids fill their range exactly no other row lies inside it: one index range
    // walk then replaces a descent of the index per id.
    private const string DeleteRangeSql = "DELETE FROM outbox_messages WHERE id BETWEEN @first AND @last";

    private const string RescheduleSql = """
        UPDATE outbox_messages
        SET attempts = attempts + 1, last_error = @error, next_attempt_at = now() + @delay
        WHERE id = @id
        """;

    /// <summary>Up to <paramref name="limit"/> ready rows in id (commit) order, none of them in <paramref name="inFlight"/>.</summary>
    public static async Task<List<PendingOutboxRow>> ReadReadyAsync(
        NpgsqlConnection connection, int limit, InFlightWindow inFlight, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand(ReadySql, connection);
        query.Parameters.AddWithValue("low", inFlight.Low);
        query.Parameters.AddWithValue("high", inFlight.High);
        query.Parameters.AddWithValue("gaps", inFlight.Gaps);
        query.Parameters.AddWithValue("limit", limit);
        var rows = new List<PendingOutboxRow>(limit);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new PendingOutboxRow(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetFieldValue<byte[]>(7),
                reader.GetInt32(8)));
        }

        return rows;
    }

    /// <summary>
    /// Puts <paramref name="connection"/> into the relay's session settings (<paramref name="relay"/>), or back to the
    /// server's defaults before it returns to the pool.
    /// <list type="bullet">
    /// <item><c>synchronous_commit = off</c>: the relay's deletes and reschedules need not wait for their WAL. A crash
    /// can at worst undo the last fraction of a second of them, and a row whose delete was undone is published again, as
    /// after any crash between the produce and the delete (consumers' inboxes absorb it). The services' own
    /// transactions stay durable.</item>
    /// <item><c>enable_bitmapscan = off</c>: an outbox is often empty when autovacuum analyzes it, and the planner then
    /// believes it holds no rows. Its plan for "the next rows by id" became a bitmap scan that collects every pending
    /// row and sorts them all (measured: 155,000 rows sorted on disk, 230 ms per read instead of ~3) instead of walking
    /// the primary key in order and stopping at the limit. Without bitmap scans, the walk is the cheapest plan whatever
    /// the statistics say.</item>
    /// </list>
    /// </summary>
    public static async Task UseRelaySessionAsync(NpgsqlConnection connection, bool relay, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            relay ? "SET synchronous_commit = off; SET enable_bitmapscan = off" : "RESET synchronous_commit; RESET enable_bitmapscan",
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes sent rows (distinct ids).</summary>
    public static async Task DeleteAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, long[] ids, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return;
        }

        var (first, last) = (ids.Min(), ids.Max());
        var dense = last - first + 1 == ids.Length;
        await using var delete = new NpgsqlCommand(dense ? DeleteRangeSql : DeleteSql, connection, transaction);
        if (dense)
        {
            delete.Parameters.AddWithValue("first", first);
            delete.Parameters.AddWithValue("last", last);
        }
        else
        {
            delete.Parameters.AddWithValue("ids", ids);
        }

        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Counts a failed attempt and makes the row wait <paramref name="delay"/> before the next.</summary>
    public static async Task RescheduleAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long id, string error, TimeSpan delay, CancellationToken cancellationToken)
    {
        await using var reschedule = new NpgsqlCommand(RescheduleSql, connection, transaction);
        reschedule.Parameters.AddWithValue("id", id);
        reschedule.Parameters.AddWithValue("error", error);
        reschedule.Parameters.AddWithValue("delay", delay);
        await reschedule.ExecuteNonQueryAsync(cancellationToken);
    }
}
