using Fulfillment.Sagas.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Fulfillment.Sagas.Monitoring;

/// <summary>
/// Flags orders that wait on another service for longer than <see cref="StalledSagaOptions.StalledAfter"/>: created
/// but not reserved, reserved but not paid, paid but not assigned, or declined with the stock not yet released.
/// The flag and a history entry are written with a version bump, so a saga transaction that read the row before
/// loses its optimistic check and handles its event again, and its transition then clears the flag.
/// </summary>
/// <remarks>
/// DELIVERY_ASSIGNED is not watched: delivery.completed is optional in the contract, so an assigned order may
/// rightly never move again. Several query-api instances may scan at once: rows are claimed with SKIP LOCKED and the
/// "not yet stalled" condition makes a second flag impossible.
/// </remarks>
internal sealed class StalledSagaDetector(
    NpgsqlDataSource database,
    IOptions<StalledSagaOptions> options,
    TimeProvider clock,
    ILogger<StalledSagaDetector> logger) : BackgroundService
{
    // The state list repeats the partial index's predicate literally (Migrations/0001_order_saga.sql).
    private const string FlagSql = """
        WITH due AS (
            SELECT correlation_id FROM order_sagas
            WHERE NOT stalled
              AND current_state IN ('CREATED', 'INVENTORY_RESERVED', 'PAYMENT_AUTHORIZED', 'PAYMENT_FAILED')
              AND state_entered_at < @cutoff
              AND (current_state <> 'PAYMENT_FAILED' OR NOT stock_released)
            ORDER BY state_entered_at
            LIMIT @batch
            FOR UPDATE SKIP LOCKED)
        UPDATE order_sagas AS saga SET
            stalled = true,
            stalled_at = @now,
            updated_at = @now,
            version = saga.version + 1,
            history = saga.history || jsonb_build_array(
                @entry || jsonb_build_object('from', saga.current_state, 'to', saga.current_state))
        FROM due
        WHERE saga.correlation_id = due.correlation_id
        RETURNING saga.order_id, saga.current_state, saga.state_entered_at
        """;

    private readonly StalledSagaOptions _options = options.Value;

    /// <summary>Flags the sagas that are due now; returns their order ids.</summary>
    public async Task<IReadOnlyList<string>> ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entry = new SagaTransition(
            From: null, To: "", SagaTransition.StalledEventType, EventId: null, now, OccurredAt: null, SagaTransitionNotes.Stalled);

        await using var command = database.CreateCommand(FlagSql);
        command.Parameters.AddWithValue("cutoff", now - _options.StalledAfter);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("batch", _options.ScanBatchSize);
        command.Parameters.Add(new NpgsqlParameter("entry", NpgsqlDbType.Jsonb) { Value = OrderSagaTable.WriteTransition(entry) });

        var flagged = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var orderId = reader.GetString(0);
            SagaLog.SagaStalled(logger, orderId, reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
            flagged.Add(orderId);
        }

        return flagged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DetectStalled)
        {
            return;
        }

        SagaLog.DetectorStarted(logger, _options.StalledAfter, _options.ScanInterval);
        using var timer = new PeriodicTimer(_options.ScanInterval, clock);
        do
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                SagaLog.ScanFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
