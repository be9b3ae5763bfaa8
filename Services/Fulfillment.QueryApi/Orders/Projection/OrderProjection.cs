using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.QueryApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Fulfillment.QueryApi.Orders.Projection;

/// <summary>
/// Writes an event into the read model: its timeline row, then a merge of its <see cref="OrderFacts"/> into the order
/// row. Both are one SQL statement on the scope's DbContext connection, so they join the consumer host's
/// transaction (several records of a batch share it) and nothing is tracked or cached between records.
/// </summary>
/// <remarks>
/// The merge is commutative and idempotent, which is what makes arrival order irrelevant: the status keeps the highest
/// rank (<see cref="OrderStatusRules"/>), milestone timestamps and identifiers keep the first value known, the ETA
/// moves only to a higher sequence, and <c>order.created</c> is the source of the order's own facts (customer, lines,
/// total, address) that earlier-arriving events may have filled in provisionally. Concurrent merges of one order (a
/// second instance holding another topic's partition) serialize on the row lock of <c>INSERT ... ON CONFLICT</c>.
/// </remarks>
public sealed class OrderProjection(QueryDbContext db, ILogger<OrderProjection> logger)
{
    // One statement, one round trip per event: the timeline row, and the merge only if that row was new (an event
    // already recorded changes nothing). It was two statements, the second sent after the first one's answer.
    private const string ProjectSql = """
        WITH recorded AS (
            INSERT INTO order_timeline
                (event_id, order_id, event_type, occurred_at, produced_at, producer, correlation_id, causation_id, payload)
            VALUES
                (@event_id, @order_id, @event_type, @occurred_at, @produced_at, @producer, @correlation_id, @causation_id, @payload)
            ON CONFLICT (event_id) DO NOTHING
            RETURNING event_id)
        INSERT INTO orders AS o (
            order_id, status, status_rank, correlation_id,
            customer_id, items, total, currency, delivery_latitude, delivery_longitude,
            reservation_id, warehouse, inventory_rejection_reason, inventory_release_reason,
            payment_id, payment_auth_code, payment_failure_reason,
            delivery_id, driver_id, eta, eta_sequence, driver_latitude, driver_longitude, remaining_km,
            created_at, inventory_reserved_at, inventory_rejected_at, inventory_released_at,
            payment_authorized_at, payment_failed_at, delivery_assigned_at, delivered_at,
            confirmed_at, invoice_number, invoice_gross, invoice_issued_at, invoice_due_at,
            cancel_requested_at, cancel_reason, cancelled_at, delivery_failed_at, delivery_failure_code,
            delivery_failure_reason, refund_id, payment_refunded_at, credit_note_number, invoice_credited_at,
            first_event_at, last_event_at, updated_at)
        SELECT
            @order_id, @status, @status_rank, @correlation_id,
            @customer_id, @items, @total, @currency, @delivery_latitude, @delivery_longitude,
            @reservation_id, @warehouse, @inventory_rejection_reason, @inventory_release_reason,
            @payment_id, @payment_auth_code, @payment_failure_reason,
            @delivery_id, @driver_id, @eta, @eta_sequence, @driver_latitude, @driver_longitude, @remaining_km,
            @created_at, @inventory_reserved_at, @inventory_rejected_at, @inventory_released_at,
            @payment_authorized_at, @payment_failed_at, @delivery_assigned_at, @delivered_at,
            @confirmed_at, @invoice_number, @invoice_gross, @invoice_issued_at, @invoice_due_at,
            @cancel_requested_at, @cancel_reason, @cancelled_at, @delivery_failed_at, @delivery_failure_code,
            @delivery_failure_reason, @refund_id, @payment_refunded_at, @credit_note_number, @invoice_credited_at,
            @occurred_at, @occurred_at, now()
        WHERE EXISTS (SELECT 1 FROM recorded)
        ON CONFLICT (order_id) DO UPDATE SET
            status = CASE WHEN EXCLUDED.status_rank > o.status_rank THEN EXCLUDED.status ELSE o.status END,
            status_rank = GREATEST(o.status_rank, EXCLUDED.status_rank),
            correlation_id = COALESCE(o.correlation_id, EXCLUDED.correlation_id),
            customer_id = CASE WHEN EXCLUDED.customer_id IS NOT NULL AND (@order_source OR o.customer_id IS NULL)
                THEN EXCLUDED.customer_id ELSE o.customer_id END,
            items = CASE WHEN EXCLUDED.items IS NOT NULL AND (@order_source OR o.items IS NULL)
                THEN EXCLUDED.items ELSE o.items END,
            total = CASE WHEN EXCLUDED.total IS NOT NULL AND (@order_source OR o.total IS NULL)
                THEN EXCLUDED.total ELSE o.total END,
            currency = CASE WHEN EXCLUDED.currency IS NOT NULL AND (@order_source OR o.currency IS NULL)
                THEN EXCLUDED.currency ELSE o.currency END,
            delivery_latitude = CASE WHEN EXCLUDED.delivery_latitude IS NOT NULL AND (@order_source OR o.delivery_latitude IS NULL)
                THEN EXCLUDED.delivery_latitude ELSE o.delivery_latitude END,
            delivery_longitude = CASE WHEN EXCLUDED.delivery_latitude IS NOT NULL AND (@order_source OR o.delivery_latitude IS NULL)
                THEN EXCLUDED.delivery_longitude ELSE o.delivery_longitude END,
            reservation_id = COALESCE(o.reservation_id, EXCLUDED.reservation_id),
            warehouse = COALESCE(o.warehouse, EXCLUDED.warehouse),
            inventory_rejection_reason = COALESCE(o.inventory_rejection_reason, EXCLUDED.inventory_rejection_reason),
            inventory_release_reason = COALESCE(o.inventory_release_reason, EXCLUDED.inventory_release_reason),
            payment_id = COALESCE(o.payment_id, EXCLUDED.payment_id),
            payment_auth_code = COALESCE(o.payment_auth_code, EXCLUDED.payment_auth_code),
            payment_failure_reason = COALESCE(o.payment_failure_reason, EXCLUDED.payment_failure_reason),
            delivery_id = COALESCE(o.delivery_id, EXCLUDED.delivery_id),
            driver_id = CASE WHEN EXCLUDED.eta_sequence > COALESCE(o.eta_sequence, -1)
                THEN COALESCE(EXCLUDED.driver_id, o.driver_id) ELSE COALESCE(o.driver_id, EXCLUDED.driver_id) END,
            eta = CASE WHEN EXCLUDED.eta_sequence > COALESCE(o.eta_sequence, -1) THEN EXCLUDED.eta ELSE o.eta END,
            driver_latitude = CASE WHEN EXCLUDED.eta_sequence > COALESCE(o.eta_sequence, -1)
                THEN EXCLUDED.driver_latitude ELSE o.driver_latitude END,
            driver_longitude = CASE WHEN EXCLUDED.eta_sequence > COALESCE(o.eta_sequence, -1)
                THEN EXCLUDED.driver_longitude ELSE o.driver_longitude END,
            remaining_km = CASE WHEN EXCLUDED.eta_sequence > COALESCE(o.eta_sequence, -1)
                THEN EXCLUDED.remaining_km ELSE o.remaining_km END,
            eta_sequence = GREATEST(o.eta_sequence, EXCLUDED.eta_sequence),
            created_at = COALESCE(o.created_at, EXCLUDED.created_at),
            inventory_reserved_at = COALESCE(o.inventory_reserved_at, EXCLUDED.inventory_reserved_at),
            inventory_rejected_at = COALESCE(o.inventory_rejected_at, EXCLUDED.inventory_rejected_at),
            inventory_released_at = COALESCE(o.inventory_released_at, EXCLUDED.inventory_released_at),
            payment_authorized_at = COALESCE(o.payment_authorized_at, EXCLUDED.payment_authorized_at),
            payment_failed_at = COALESCE(o.payment_failed_at, EXCLUDED.payment_failed_at),
            delivery_assigned_at = COALESCE(o.delivery_assigned_at, EXCLUDED.delivery_assigned_at),
            delivered_at = COALESCE(o.delivered_at, EXCLUDED.delivered_at),
            confirmed_at = COALESCE(o.confirmed_at, EXCLUDED.confirmed_at),
            invoice_number = COALESCE(o.invoice_number, EXCLUDED.invoice_number),
            invoice_gross = COALESCE(o.invoice_gross, EXCLUDED.invoice_gross),
            invoice_issued_at = COALESCE(o.invoice_issued_at, EXCLUDED.invoice_issued_at),
            invoice_due_at = COALESCE(o.invoice_due_at, EXCLUDED.invoice_due_at),
            cancel_requested_at = COALESCE(o.cancel_requested_at, EXCLUDED.cancel_requested_at),
            cancel_reason = COALESCE(o.cancel_reason, EXCLUDED.cancel_reason),
            cancelled_at = COALESCE(o.cancelled_at, EXCLUDED.cancelled_at),
            delivery_failed_at = COALESCE(o.delivery_failed_at, EXCLUDED.delivery_failed_at),
            delivery_failure_code = COALESCE(o.delivery_failure_code, EXCLUDED.delivery_failure_code),
            delivery_failure_reason = COALESCE(o.delivery_failure_reason, EXCLUDED.delivery_failure_reason),
            refund_id = COALESCE(o.refund_id, EXCLUDED.refund_id),
            payment_refunded_at = COALESCE(o.payment_refunded_at, EXCLUDED.payment_refunded_at),
            credit_note_number = COALESCE(o.credit_note_number, EXCLUDED.credit_note_number),
            invoice_credited_at = COALESCE(o.invoice_credited_at, EXCLUDED.invoice_credited_at),
            first_event_at = LEAST(o.first_event_at, EXCLUDED.first_event_at),
            last_event_at = GREATEST(o.last_event_at, EXCLUDED.last_event_at),
            updated_at = now()
        """;

    /// <summary>Records the event and merges its facts; an event already in the timeline changes nothing.</summary>
    internal async Task ApplyAsync(OrderFacts facts, CancellationToken cancellationToken)
    {
        var envelope = facts.Event;
        var timeline = TimelineParameters(envelope);
        var named = timeline.Select(p => p.ParameterName).ToHashSet(StringComparer.Ordinal);
        NpgsqlParameter[] parameters = [.. timeline, .. MergeParameters(facts).Where(p => !named.Contains(p.ParameterName))];
        if (await db.Database.ExecuteSqlRawAsync(ProjectSql, parameters, cancellationToken) == 0)
        {
            Log.TimelineDuplicate(logger, envelope.EventId, envelope.EventType, envelope.OrderId);
            return;
        }

        Log.EventProjected(logger, envelope.EventId, envelope.EventType, envelope.OrderId);
    }

    private static NpgsqlParameter[] TimelineParameters(IEventEnvelope envelope) =>
    [
        Parameter("event_id", NpgsqlDbType.Uuid, envelope.EventId),
        Parameter("order_id", NpgsqlDbType.Text, envelope.OrderId),
        Parameter("event_type", NpgsqlDbType.Text, envelope.EventType),
        Parameter("occurred_at", NpgsqlDbType.TimestampTz, envelope.OccurredAt.ToUniversalTime()),
        Parameter("produced_at", NpgsqlDbType.TimestampTz, envelope.ProducedAt?.ToUniversalTime()),
        Parameter("producer", NpgsqlDbType.Text, envelope.Producer),
        Parameter("correlation_id", NpgsqlDbType.Text, envelope.CorrelationId),
        Parameter("causation_id", NpgsqlDbType.Text, envelope.CausationId),
        Parameter("payload", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(envelope.Payload, envelope.Payload.GetType(), FulfillmentJson.Options)),
    ];

    private static NpgsqlParameter[] MergeParameters(OrderFacts facts)
    {
        var envelope = facts.Event;
        return
        [
            Parameter("order_id", NpgsqlDbType.Text, envelope.OrderId),
            Parameter("status", NpgsqlDbType.Text, OrderStatusRules.Name(facts.Status)),
            Parameter("status_rank", NpgsqlDbType.Smallint, OrderStatusRules.Rank(facts.Status)),
            Parameter("correlation_id", NpgsqlDbType.Text, envelope.CorrelationId),
            Parameter("order_source", NpgsqlDbType.Boolean, facts.IsOrderSource),
            Parameter("customer_id", NpgsqlDbType.Text, facts.CustomerId),
            Parameter("items", NpgsqlDbType.Jsonb, facts.Items is null ? null : JsonSerializer.Serialize(facts.Items, FulfillmentJson.Options)),
            Parameter("total", NpgsqlDbType.Numeric, facts.Total),
            Parameter("currency", NpgsqlDbType.Text, facts.Currency),
            Parameter("delivery_latitude", NpgsqlDbType.Double, facts.DeliveryAddress?.Latitude),
            Parameter("delivery_longitude", NpgsqlDbType.Double, facts.DeliveryAddress?.Longitude),
            Parameter("reservation_id", NpgsqlDbType.Text, facts.ReservationId),
            Parameter("warehouse", NpgsqlDbType.Text, facts.Warehouse),
            Parameter("inventory_rejection_reason", NpgsqlDbType.Text, facts.InventoryRejectionReason),
            Parameter("inventory_release_reason", NpgsqlDbType.Text, facts.InventoryReleaseReason),
            Parameter("payment_id", NpgsqlDbType.Text, facts.PaymentId),
            Parameter("payment_auth_code", NpgsqlDbType.Text, facts.PaymentAuthCode),
            Parameter("payment_failure_reason", NpgsqlDbType.Text, facts.PaymentFailureReason),
            Parameter("delivery_id", NpgsqlDbType.Text, facts.DeliveryId),
            Parameter("driver_id", NpgsqlDbType.Text, facts.DriverId),
            Parameter("eta", NpgsqlDbType.TimestampTz, facts.Eta?.ToUniversalTime()),
            Parameter("eta_sequence", NpgsqlDbType.Integer, facts.EtaSequence),
            Parameter("driver_latitude", NpgsqlDbType.Double, facts.DriverPosition?.Latitude),
            Parameter("driver_longitude", NpgsqlDbType.Double, facts.DriverPosition?.Longitude),
            Parameter("remaining_km", NpgsqlDbType.Double, facts.RemainingKm),
            Parameter("created_at", NpgsqlDbType.TimestampTz, facts.CreatedAt?.ToUniversalTime()),
            Parameter("inventory_reserved_at", NpgsqlDbType.TimestampTz, facts.InventoryReservedAt?.ToUniversalTime()),
            Parameter("inventory_rejected_at", NpgsqlDbType.TimestampTz, facts.InventoryRejectedAt?.ToUniversalTime()),
            Parameter("inventory_released_at", NpgsqlDbType.TimestampTz, facts.InventoryReleasedAt?.ToUniversalTime()),
            Parameter("payment_authorized_at", NpgsqlDbType.TimestampTz, facts.PaymentAuthorizedAt?.ToUniversalTime()),
            Parameter("payment_failed_at", NpgsqlDbType.TimestampTz, facts.PaymentFailedAt?.ToUniversalTime()),
            Parameter("delivery_assigned_at", NpgsqlDbType.TimestampTz, facts.DeliveryAssignedAt?.ToUniversalTime()),
            Parameter("delivered_at", NpgsqlDbType.TimestampTz, facts.DeliveredAt?.ToUniversalTime()),
            Parameter("confirmed_at", NpgsqlDbType.TimestampTz, facts.ConfirmedAt?.ToUniversalTime()),
            Parameter("invoice_number", NpgsqlDbType.Text, facts.InvoiceNumber),
            Parameter("invoice_gross", NpgsqlDbType.Numeric, facts.InvoiceGross),
            Parameter("invoice_issued_at", NpgsqlDbType.TimestampTz, facts.InvoiceIssuedAt?.ToUniversalTime()),
            Parameter("invoice_due_at", NpgsqlDbType.TimestampTz, facts.InvoiceDueAt?.ToUniversalTime()),
            Parameter("cancel_requested_at", NpgsqlDbType.TimestampTz, facts.CancelRequestedAt?.ToUniversalTime()),
            Parameter("cancel_reason", NpgsqlDbType.Text, facts.CancelReason),
            Parameter("cancelled_at", NpgsqlDbType.TimestampTz, facts.CancelledAt?.ToUniversalTime()),
            Parameter("delivery_failed_at", NpgsqlDbType.TimestampTz, facts.DeliveryFailedAt?.ToUniversalTime()),
            Parameter("delivery_failure_code", NpgsqlDbType.Text, facts.DeliveryFailureCode),
            Parameter("delivery_failure_reason", NpgsqlDbType.Text, facts.DeliveryFailureReason),
            Parameter("refund_id", NpgsqlDbType.Text, facts.RefundId),
            Parameter("payment_refunded_at", NpgsqlDbType.TimestampTz, facts.PaymentRefundedAt?.ToUniversalTime()),
            Parameter("credit_note_number", NpgsqlDbType.Text, facts.CreditNoteNumber),
            Parameter("invoice_credited_at", NpgsqlDbType.TimestampTz, facts.InvoiceCreditedAt?.ToUniversalTime()),
            Parameter("occurred_at", NpgsqlDbType.TimestampTz, envelope.OccurredAt.ToUniversalTime()),
        ];
    }

    private static NpgsqlParameter Parameter(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
