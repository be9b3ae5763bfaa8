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
/// retried with backoff and holds back the rows of its key behind it. A crash after the produce and before the delete
/// publishes the row again: consumers' inboxes absorb the duplicate.
/// </summary>
internal sealed class OutboxRelay(
    NpgsqlDataSource database,
    KafkaProducer producer,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ChassisMetrics metrics,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const string ClaimSql = """
        WITH candidates AS (
            SELECT id, message_key
            FROM outbox_messages
            WHERE next_attempt_at <= now()
            ORDER BY id
            LIMIT @limit
            FOR UPDATE SKIP LOCKED)
        SELECT o.id, o.event_id, o.topic, o.message_key, o.event_type, o.correlation_id, o.traceparent, o.envelope, o.attempts
        FROM outbox_messages o
        JOIN candidates c ON c.id = o.id
        WHERE NOT EXISTS (
            SELECT 1 FROM outbox_messages older
            WHERE older.message_key = c.message_key
              AND older.id < c.id
              AND older.id NOT IN (SELECT id FROM candidates))
        ORDER BY o.id
        """;

    private const string DeleteSql = "DELETE FROM outbox_messages WHERE id = ANY(@ids)";

    private const string RescheduleSql = """
        UPDATE outbox_messages
        SET attempts = attempts + 1, last_error = @error, next_attempt_at = now() + @delay
        WHERE id = @id
        """;

    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
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
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>One round: claim, produce, wait for acknowledgements, delete or reschedule. Returns rows claimed.</summary>
    internal async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = await ClaimAsync(connection, transaction, _options.BatchSize, cancellationToken);
        if (rows.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var errors = await ProduceAsync(rows, cancellationToken);
        var sent = rows.Where(r => !errors.ContainsKey(r.Id)).Select(r => r.Id).ToArray();
        if (sent.Length > 0)
        {
            await using var delete = new NpgsqlCommand(DeleteSql, connection, transaction);
            delete.Parameters.AddWithValue("ids", sent);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var row in rows.Where(r => errors.ContainsKey(r.Id)))
        {
            await using var reschedule = new NpgsqlCommand(RescheduleSql, connection, transaction);
            reschedule.Parameters.AddWithValue("id", row.Id);
            reschedule.Parameters.AddWithValue("error", errors[row.Id]);
            reschedule.Parameters.AddWithValue("delay", RetryDelay(row.Attempts));
            await reschedule.ExecuteNonQueryAsync(cancellationToken);
            ChassisLog.OutboxPublishFailed(logger, row.EventId, row.Topic, row.Attempts + 1, errors[row.Id]);
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.OutboxPublished(sent.Length);
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

        return rows;
    }

    /// <summary>Produces every row and waits for all acknowledgements; returns the rows that failed, with why.</summary>
    private async Task<Dictionary<long, string>> ProduceAsync(List<PendingOutboxRow> rows, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<long, string>();
        var remaining = rows.Count;
        var allDelivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var producedAt = clock.GetUtcNow();

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
                producer.Produce(row.Topic, ToMessage(row, producedAt), report =>
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

    private static Message<string, byte[]> ToMessage(PendingOutboxRow row, DateTimeOffset producedAt)
    {
        var headers = new Headers
        {
            { RecordHeaders.EventId, Encoding.UTF8.GetBytes(row.EventId.ToString()) },
            { RecordHeaders.EventType, Encoding.UTF8.GetBytes(row.EventType) },
            { RecordHeaders.CorrelationId, Encoding.UTF8.GetBytes(row.CorrelationId) },
            { RecordHeaders.ContentType, Encoding.UTF8.GetBytes(RecordHeaders.JsonContentType) },
        };
        if (row.TraceParent is not null)
        {
            headers.Add(RecordHeaders.TraceParent, Encoding.UTF8.GetBytes(row.TraceParent));
        }

        return new Message<string, byte[]>
        {
            Key = row.Key,
            Value = EnvelopeSerializer.StampProducedAt(row.Envelope, producedAt),
            Headers = headers,
        };
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var delay = _options.MinRetryDelay * Math.Pow(2, Math.Min(attempts, 16));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }
}
