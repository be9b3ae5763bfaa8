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
/// Separately, it flags cancelled or failed orders whose compensation (<see cref="OrderCompensation"/>) is not complete
/// <see cref="StalledSagaOptions.CompensationTimeout"/> after the verdict, once per order.
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
    private const string StalledCondition = """
        NOT stalled
          AND current_state IN ('CREATED', 'INVENTORY_RESERVED', 'PAYMENT_AUTHORIZED', 'PAYMENT_FAILED')
          AND state_entered_at < @cutoff
          AND (current_state <> 'PAYMENT_FAILED' OR NOT stock_released)
        """;

    // OrderCompensation.StepsFor in SQL: a reserved order owes a release, an authorized one a refund, an invoiced one a
    // credit note. The state list repeats the partial index's predicate literally (Migrations/0003_compensation.sql).
    private const string CompensationOverdueCondition = """
        compensation_overdue_at IS NULL
          AND current_state IN ('CANCELLED', 'DELIVERY_FAILED')
          AND state_entered_at < @cutoff
          AND ((inventory_reserved_at IS NOT NULL AND NOT stock_released)
            OR (payment_authorized_at IS NOT NULL AND payment_refunded_at IS NULL)
            OR (invoice_issued_at IS NOT NULL AND invoice_credited_at IS NULL))
        """;

    private const string FlagStalledSql = $"""
        WITH due AS (
            SELECT correlation_id FROM order_sagas WHERE {StalledCondition}
            ORDER BY state_entered_at LIMIT @batch FOR UPDATE SKIP LOCKED)
        UPDATE order_sagas AS saga SET stalled = true, stalled_at = @now, {FlagTail}
        """;

    private const string FlagCompensationSql = $"""
        WITH due AS (
            SELECT correlation_id FROM order_sagas WHERE {CompensationOverdueCondition}
            ORDER BY state_entered_at LIMIT @batch FOR UPDATE SKIP LOCKED)
        UPDATE order_sagas AS saga SET compensation_overdue_at = @now, {FlagTail}
        """;

    private const string FlagTail = """
            updated_at = @now,
            version = saga.version + 1,
            history = saga.history || jsonb_build_array(
                @entry || jsonb_build_object('from', saga.current_state, 'to', saga.current_state))
        FROM due
        WHERE saga.correlation_id = due.correlation_id
        RETURNING saga.order_id, saga.current_state, saga.state_entered_at
        """;

    private readonly StalledSagaOptions _options = options.Value;

    /// <summary>Flags the sagas that are due now (stalled, or owing compensation too long); returns their order ids.</summary>
    public async Task<IReadOnlyList<string>> ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var flagged = new List<string>();
        await FlagAsync(FlagStalledSql, now - _options.StalledAfter, SagaTransition.StalledEventType, SagaTransitionNotes.Stalled, flagged,
            (orderId, state, since) => SagaLog.SagaStalled(logger, orderId, state, since), now, cancellationToken);
        await FlagAsync(FlagCompensationSql, now - _options.CompensationTimeout, SagaTransition.CompensationOverdueEventType,
            SagaTransitionNotes.CompensationOverdue, flagged,
            (orderId, state, since) => SagaLog.CompensationOverdue(logger, orderId, state, since), now, cancellationToken);
        return flagged;
    }

    private async Task FlagAsync(
        string sql,
        DateTimeOffset cutoff,
        string eventType,
        string note,
        List<string> flagged,
        Action<string, string, DateTimeOffset> log,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var entry = new SagaTransition(From: null, To: "", eventType, EventId: null, now, OccurredAt: null, note);

        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue("cutoff", cutoff);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("batch", _options.ScanBatchSize);
        command.Parameters.Add(new NpgsqlParameter("entry", NpgsqlDbType.Jsonb) { Value = OrderSagaTable.WriteTransition(entry) });

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var orderId = reader.GetString(0);
            log(orderId, reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
            flagged.Add(orderId);
        }
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
