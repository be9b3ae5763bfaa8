using System.Text;
using Confluent.Kafka;
using Fulfillment.Chassis.Kafka;
using Fulfillment.Chassis.Telemetry;
using Fulfillment.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Fulfillment.Chassis.Outbox;

/// <summary>
/// Publishes committed outbox rows to Kafka and deletes them once acknowledged. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several instances share the work; a row is only taken when no older row of its
/// key is pending elsewhere, so each key's events reach Kafka in the order they were committed. A row that fails is
/// retried with backoff and holds back the rows of its key behind it. Rounds are serialized per database by an
/// advisory lock, so several instances take turns rather than thrash. A crash after the produce and before the commit
/// publishes the row again: consumers' inboxes absorb the duplicate.
/// </summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource database,
    KafkaProducer producer,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ChassisMetrics metrics,
    OutboxBacklog backlog,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    // Claims and deletes in one statement; the transaction stays open until Kafka has acknowledged every row, so a
    // failure rolls the rows back. A row is taken only when no older row of its key is pending outside this claim:
    // rows claimed by a concurrent worker or instance are still visible (their delete is uncommitted), which keeps
    // each key's events in commit order across workers and instances.
    private const string ClaimSql = """
        WITH candidates AS (
            SELECT id, message_key
            FROM outbox_messages
            WHERE next_attempt_at <= now()
            ORDER BY id
            LIMIT @limit
            FOR UPDATE SKIP LOCKED),
        ready AS (
            SELECT c.id FROM candidates c
            WHERE NOT EXISTS (
                SELECT 1 FROM outbox_messages older
                WHERE older.message_key = c.message_key
                  AND older.id < c.id
                  AND older.id NOT IN (SELECT id FROM candidates)))
        DELETE FROM outbox_messages o
        USING ready
        WHERE o.id = ready.id
        RETURNING o.id, o.event_id, o.topic, o.message_key, o.event_type, o.correlation_id, o.traceparent, o.envelope, o.attempts
        """;

    private const string SettleFailuresSql = """
        UPDATE outbox_messages
        SET attempts = attempts + 1, last_error = @error, next_attempt_at = now() + @delay
        WHERE id = @id
        """;

    private const string DeleteSql = "DELETE FROM outbox_messages WHERE id = ANY(@ids)";

    private static readonly byte[] JsonContentType = Encoding.UTF8.GetBytes(RecordHeaders.JsonContentType);

    private readonly OutboxOptions _options = options.Value;

    private const string BacklogSql = "SELECT count(*), COALESCE(now() - min(created_at), interval '0') FROM outbox_messages";

    // One round at a time per database, across instances: concurrent rounds would claim each other's keys' later
    // rows, find them held back behind the other round's older rows, and thrash.
    private const string RoundLockSql = "SELECT pg_try_advisory_xact_lock(7310582063442101)";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(RunWorkerAsync(stoppingToken), MeasureBacklogAsync(stoppingToken));

    private async Task MeasureBacklogAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var command = database.CreateCommand(BacklogSql);
                await using var reader = await command.ExecuteReaderAsync(stoppingToken);
                await reader.ReadAsync(stoppingToken);
                backlog.Update(reader.GetInt64(0), reader.GetFieldValue<TimeSpan>(1));
            }
            catch (NpgsqlException ex)
            {
                ChassisLog.RelayFailed(logger, ex);
            }

            await Task.Delay(_options.BacklogMeasureInterval, clock, stoppingToken);
        }
    }

    private async Task RunWorkerAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var committed = signal.Next;
            int claimed;
            try
            {
                claimed = await PublishBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                ChassisLog.RelayFailed(logger, ex);
                claimed = 0;
                await Task.Delay(_options.MinRetryDelay, clock, stoppingToken);
            }

            if (claimed < _options.BatchSize)
            {
                await OutboxSignal.WaitAsync(committed, _options.PollInterval, clock, stoppingToken);
            }
        }
    }

    /// <summary>One round: claim, produce, wait for acknowledgements, commit. Returns the rows claimed.</summary>
    internal async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        Dictionary<long, string> errors;
        List<PendingOutboxRow> rows;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await using (var roundLock = new NpgsqlCommand(RoundLockSql, connection, transaction))
            {
                if (await roundLock.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    // Another instance is mid-round; its commit signal does not reach us, so poll.
                    await transaction.CommitAsync(cancellationToken);
                    return 0;
                }
            }

            rows = await ClaimAsync(connection, transaction, _options.BatchSize, cancellationToken);
            if (rows.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                return 0;
            }

            errors = await ProduceAsync(rows, cancellationToken);
            if (errors.Count == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                metrics.OutboxPublished(rows.Count);
                return rows.Count;
            }

            await transaction.RollbackAsync(cancellationToken);
        }

        // Some rows failed: the claim rolled back. Remove what Kafka did take, and reschedule the rest with backoff.
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var sent = rows.Where(r => !errors.ContainsKey(r.Id)).Select(r => r.Id).ToArray();
            await using (var delete = new NpgsqlCommand(DeleteSql, connection, transaction))
            {
                delete.Parameters.AddWithValue("ids", sent);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var row in rows.Where(r => errors.ContainsKey(r.Id)))
            {
                await using var reschedule = new NpgsqlCommand(SettleFailuresSql, connection, transaction);
                reschedule.Parameters.AddWithValue("id", row.Id);
                reschedule.Parameters.AddWithValue("error", errors[row.Id]);
                reschedule.Parameters.AddWithValue("delay", RetryDelay(row.Attempts));
                await reschedule.ExecuteNonQueryAsync(cancellationToken);
                ChassisLog.OutboxPublishFailed(logger, row.EventId, row.Topic, row.Attempts + 1, errors[row.Id]);
            }

            await transaction.CommitAsync(cancellationToken);
            metrics.OutboxPublished(sent.Length);
        }

        return rows.Count;
    }

    private static async Task<List<PendingOutboxRow>> ClaimAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int limit, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(ClaimSql, connection, transaction);
        claim.Parameters.AddWithValue("limit", limit);
        var rows = new List<PendingOutboxRow>();
        await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
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
                (byte[])reader.GetValue(7),
                reader.GetInt32(8)));
        }

        rows.Sort((a, b) => a.Id.CompareTo(b.Id));
        return rows;
    }

    /// <summary>Produces every row and waits for all acknowledgements; returns the rows that failed, with why.</summary>
    private async Task<Dictionary<long, string>> ProduceAsync(List<PendingOutboxRow> rows, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<long, string>();
        var remaining = rows.Count;
        var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stamp = EnvelopeSerializer.ProducedAtStamp(clock.GetUtcNow());

        void Settle(long id, string? error)
        {
            if (error is not null)
            {
                lock (errors)
                {
                    errors[id] = error;
                }
            }

            if (Interlocked.Decrement(ref remaining) == 0)
            {
                allDelivered.TrySetResult();
            }
        }

        foreach (var row in rows)
        {
            try
            {
                producer.Produce(row.Topic, ToMessage(row, stamp), report =>
                    Settle(row.Id, report.Error.IsError ? report.Error.Reason : null));
            }
            catch (ProduceException<string, byte[]> ex)
            {
                Settle(row.Id, ex.Error.Reason);
            }
        }

        await allDelivered.Task.WaitAsync(cancellationToken);
        return errors;
    }

    private static Message<string, byte[]> ToMessage(PendingOutboxRow row, byte[] producedAtStamp)
    {
        var headers = new Headers
        {
            { RecordHeaders.EventId, Encoding.UTF8.GetBytes(row.EventId.ToString()) },
            { RecordHeaders.EventType, Encoding.UTF8.GetBytes(row.EventType) },
            { RecordHeaders.CorrelationId, Encoding.UTF8.GetBytes(row.CorrelationId) },
            { RecordHeaders.ContentType, JsonContentType },
        };
        if (row.TraceParent is not null)
        {
            headers.Add(RecordHeaders.TraceParent, Encoding.UTF8.GetBytes(row.TraceParent));
        }

        return new Message<string, byte[]>
        {
            Key = row.Key,
            Value = EnvelopeSerializer.StampProducedAt(row.Envelope, producedAtStamp),
            Headers = headers,
        };
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var delay = _options.MinRetryDelay * Math.Pow(2, Math.Min(attempts, 16));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }
}
