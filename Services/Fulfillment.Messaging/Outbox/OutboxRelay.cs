using System.Collections.Concurrent;
using Fulfillment.Messaging.Kafka;
using Fulfillment.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Fulfillment.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to Kafka in id order and removes them once acknowledged. One relay drains a
/// database at a time (a session advisory lock; other instances stand by and take the next turn, or take over when
/// the holder stops or dies). While one batch waits for its acknowledgements the next is already read and being
/// produced, so PostgreSQL and Kafka work side by side. A row Kafka refuses is retried with backoff and holds back its
/// key's later rows. A crash after the produce and before the delete publishes rows again: inboxes absorb that.
/// A service whose DbContext maps no outbox (<c>AddOutboxMessages</c>) publishes nothing: its relay stops at once.
/// </summary>
internal sealed class OutboxRelay(
    IServiceScopeFactory scopes,
    NpgsqlDataSource database,
    KafkaProducer producer,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ChassisMetrics metrics,
    OutboxBacklog backlog,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly OutboxPublisher _publisher = new(producer, clock);

    private const string BacklogSql = "SELECT count(*), COALESCE(now() - min(created_at), interval '0') FROM outbox_messages";

    // Held for one drain and released when nothing is ready, so instances take turns; a relay that dies (its
    // connection closes) never blocks the others.
    private const long DrainLockKey = 7310582063442101;

    private static readonly TimeSpan AbandonPatience = TimeSpan.FromSeconds(5);

    private readonly OutboxOptions _options = options.Value;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DbContext>();
            if (db.Model.FindEntityType(typeof(OutboxMessage)) is null)
            {
                ChassisLog.RelayNotNeeded(logger, db.GetType().Name);
                return Task.CompletedTask;
            }
        }

        return Task.WhenAll(RunWorkerAsync(stoppingToken), MeasureBacklogAsync(stoppingToken));
    }

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
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                ChassisLog.RelayFailed(logger, ex);
                await Task.Delay(_options.MinRetryDelay, clock, stoppingToken);
            }

            await OutboxSignal.WaitAsync(committed, _options.PollInterval, clock, stoppingToken);
        }
    }

    /// <summary>
    /// Publishes until no row is ready, then again at each commit signal that follows within
    /// <see cref="OutboxOptions.DrainHold"/>; ends after that much quiet, or once a row was refused: then the batches
    /// already in flight are finished and the drain ends, so the refused row's key starts the next drain clean,
    /// behind the row's scheduled retry. Returns the rows published; zero when another instance is draining.
    /// </summary>
    private async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (!await LockAsync(connection, "SELECT pg_try_advisory_lock(@key)", cancellationToken))
        {
            return 0;
        }

        var inFlight = new Queue<InFlightBatch>();
        var removal = new SentRowRemoval(database, metrics);
        try
        {
            await OutboxTable.UseRelaySessionAsync(connection, relay: true, cancellationToken);
            var published = 0;
            while (true)
            {
                var committed = signal.Next;
                var (rows, refused) = await PublishInOrderAsync(connection, inFlight, removal, cancellationToken);
                published += rows;
                if (refused || !await OutboxSignal.WaitAsync(committed, _options.DrainHold, clock, cancellationToken))
                {
                    return published;
                }
            }
        }
        finally
        {
            await AbandonAsync(inFlight);
            await removal.DisposeAsync();
            await OutboxTable.UseRelaySessionAsync(connection, relay: false, CancellationToken.None);
            await LockAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    /// <summary>Publishes until no row is ready; <c>Refused</c> when Kafka refused a row on the way.</summary>
    private async Task<(int Published, bool Refused)> PublishInOrderAsync(
        NpgsqlConnection connection, Queue<InFlightBatch> inFlight, SentRowRemoval removal, CancellationToken cancellationToken)
    {
        var published = 0;
        var failedKeys = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        while (true)
        {
            if (failedKeys.IsEmpty)
            {
                await ReadWhileRoomAsync(connection, inFlight, removal, failedKeys, cancellationToken);
            }

            if (!inFlight.TryDequeue(out var oldest))
            {
                return (published + await removal.CompleteAsync(), !failedKeys.IsEmpty);
            }

            var outcome = await oldest.Deliveries.WaitAsync(cancellationToken);
            if (outcome.AllSent)
            {
                published += await removal.StartAsync(oldest.Ids, cancellationToken);
            }
            else
            {
                published += await removal.CompleteAsync();
                published += await SettleAsync(connection, oldest.Rows, outcome, cancellationToken);
            }
        }
    }

    /// <summary>Reads batches and hands them to the producer until the pipeline is full or no row is ready.</summary>
    private async Task ReadWhileRoomAsync(
        NpgsqlConnection connection,
        Queue<InFlightBatch> inFlight,
        SentRowRemoval removal,
        ConcurrentDictionary<string, bool> failedKeys,
        CancellationToken cancellationToken)
    {
        while (inFlight.Count < _options.PipelineDepth)
        {
            // Ids are dense unless many transactions rolled back; reading past a sparse window is not worth its cost,
            // so the pipeline then waits for the oldest batch instead.
            // Rows being removed are still in the table until their delete commits: they count as in flight.
            var window = InFlightWindow.Of([.. inFlight.SelectMany(batch => batch.Ids), .. removal.Ids], _options.BatchSize);
            if (window is null)
            {
                return;
            }

            var rows = await OutboxTable.ReadReadyAsync(connection, _options.BatchSize, window, cancellationToken);
            if (rows.Count == 0)
            {
                return;
            }

            inFlight.Enqueue(InFlightBatch.Start(rows, inFlight.LastOrDefault(), batch => _publisher.ProduceAsync(batch, failedKeys)));
            if (rows.Count < _options.BatchSize)
            {
                return;
            }
        }
    }

    private static async Task AbandonAsync(Queue<InFlightBatch> inFlight)
    {
        while (inFlight.TryDequeue(out var batch))
        {
            // Let Kafka settle first, so that the next drain rarely produces a record again while its first send is
            // still in flight; but do not hold a shutdown for a broker that is down.
            await ((Task)batch.Deliveries).WaitAsync(AbandonPatience).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Removes the rows Kafka took and reschedules the refused ones with backoff; rows held back behind them stay as
    /// they are. Returns the rows removed.
    /// </summary>
    private async Task<int> SettleAsync(
        NpgsqlConnection connection, IReadOnlyList<PendingOutboxRow> rows, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sent = rows.Where(r => outcome.WasSent(r.Id)).Select(r => r.Id).ToArray();
        await OutboxTable.DeleteAsync(connection, transaction, sent, cancellationToken);
        foreach (var row in rows.Where(r => outcome.Failed.ContainsKey(r.Id)))
        {
            var error = outcome.Failed[row.Id];
            await OutboxTable.RescheduleAsync(connection, transaction, row.Id, error, RetryDelay(row.Attempts), cancellationToken);
            ChassisLog.OutboxPublishFailed(logger, row.EventId, row.Topic, row.Attempts + 1, error);
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.OutboxPublished(sent.Length);
        return sent.Length;
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", DrainLockKey);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    private TimeSpan RetryDelay(int attempts)
    {
        var delay = _options.MinRetryDelay * Math.Pow(2, Math.Min(attempts, 16));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }
}
