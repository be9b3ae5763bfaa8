using System.Text.Json;
using Fulfillment.Messages;
using Npgsql;
using NpgsqlTypes;

namespace Fulfillment.Sagas.Persistence;

/// <summary>The <c>order_sagas</c> table (Migrations/0001_order_saga.sql): its statements and its row mapping.</summary>
internal static class OrderSagaTable
{
    public const string Columns = """
        correlation_id, order_id, current_state, version, created_at, updated_at, state_entered_at,
        order_created_at, inventory_reserved_at, inventory_rejected_at, payment_authorized_at, payment_failed_at,
        delivery_assigned_at, delivered_at, stock_released, stock_released_at, failure_reason, estimated_arrival,
        eta_sequence, stalled, stalled_at, history, order_confirmed_at, invoice_issued_at, invoice_number,
        cancel_requested_at, cancel_reason, cancelled_at, delivery_failed_at, payment_refunded_at, refund_id,
        invoice_credited_at, credit_note_number, compensation_overdue_at
        """;

    public const string SelectByIdSql = $"SELECT {Columns} FROM order_sagas WHERE correlation_id = @correlation_id";

    /// <summary>
    /// ON CONFLICT DO NOTHING rather than a unique violation: the caller learns from the row count that another
    /// transaction created the saga first, without leaving its own transaction aborted.
    /// </summary>
    public const string InsertSql = $"""
        INSERT INTO order_sagas ({Columns})
        VALUES (@correlation_id, @order_id, @current_state, @version, @created_at, @updated_at, @state_entered_at,
                @order_created_at, @inventory_reserved_at, @inventory_rejected_at, @payment_authorized_at, @payment_failed_at,
                @delivery_assigned_at, @delivered_at, @stock_released, @stock_released_at, @failure_reason, @estimated_arrival,
                @eta_sequence, @stalled, @stalled_at, @history, @order_confirmed_at, @invoice_issued_at, @invoice_number,
                @cancel_requested_at, @cancel_reason, @cancelled_at, @delivery_failed_at, @payment_refunded_at, @refund_id,
                @invoice_credited_at, @credit_note_number, @compensation_overdue_at)
        ON CONFLICT (correlation_id) DO NOTHING
        """;

    public const string UpdateSql = """
        UPDATE order_sagas SET
            order_id = @order_id, current_state = @current_state, version = @version, updated_at = @updated_at,
            state_entered_at = @state_entered_at, order_created_at = @order_created_at,
            inventory_reserved_at = @inventory_reserved_at, inventory_rejected_at = @inventory_rejected_at,
            payment_authorized_at = @payment_authorized_at, payment_failed_at = @payment_failed_at,
            delivery_assigned_at = @delivery_assigned_at, delivered_at = @delivered_at, stock_released = @stock_released,
            stock_released_at = @stock_released_at, failure_reason = @failure_reason,
            estimated_arrival = @estimated_arrival, eta_sequence = @eta_sequence, stalled = @stalled,
            stalled_at = @stalled_at, history = @history, order_confirmed_at = @order_confirmed_at,
            invoice_issued_at = @invoice_issued_at, invoice_number = @invoice_number,
            cancel_requested_at = @cancel_requested_at, cancel_reason = @cancel_reason, cancelled_at = @cancelled_at,
            delivery_failed_at = @delivery_failed_at, payment_refunded_at = @payment_refunded_at, refund_id = @refund_id,
            invoice_credited_at = @invoice_credited_at, credit_note_number = @credit_note_number,
            compensation_overdue_at = @compensation_overdue_at
        WHERE correlation_id = @correlation_id AND version = @expected_version
        """;

    public const string DeleteSql = "DELETE FROM order_sagas WHERE correlation_id = @correlation_id AND version = @expected_version";

    public static OrderState Read(NpgsqlDataReader reader) =>
        new()
        {
            CorrelationId = reader.GetGuid(0),
            OrderId = reader.GetString(1),
            CurrentState = reader.GetString(2),
            Version = reader.GetInt32(3),
            CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
            UpdatedAt = reader.GetFieldValue<DateTimeOffset>(5),
            StateEnteredAt = reader.GetFieldValue<DateTimeOffset>(6),
            OrderCreatedAt = Timestamp(reader, 7),
            InventoryReservedAt = Timestamp(reader, 8),
            InventoryRejectedAt = Timestamp(reader, 9),
            PaymentAuthorizedAt = Timestamp(reader, 10),
            PaymentFailedAt = Timestamp(reader, 11),
            DeliveryAssignedAt = Timestamp(reader, 12),
            DeliveredAt = Timestamp(reader, 13),
            StockReleased = reader.GetBoolean(14),
            StockReleasedAt = Timestamp(reader, 15),
            FailureReason = Text(reader, 16),
            EstimatedArrival = Timestamp(reader, 17),
            EtaSequence = reader.IsDBNull(18) ? null : reader.GetInt32(18),
            Stalled = reader.GetBoolean(19),
            StalledAt = Timestamp(reader, 20),
            History = ReadHistory(reader.GetString(21)),
            OrderConfirmedAt = Timestamp(reader, 22),
            InvoiceIssuedAt = Timestamp(reader, 23),
            InvoiceNumber = Text(reader, 24),
            CancelRequestedAt = Timestamp(reader, 25),
            CancelReason = Text(reader, 26),
            CancelledAt = Timestamp(reader, 27),
            DeliveryFailedAt = Timestamp(reader, 28),
            PaymentRefundedAt = Timestamp(reader, 29),
            RefundId = Text(reader, 30),
            InvoiceCreditedAt = Timestamp(reader, 31),
            CreditNoteNumber = Text(reader, 32),
            CompensationOverdueAt = Timestamp(reader, 33),
        };

    /// <summary>Binds every column of <paramref name="saga"/>, with <paramref name="version"/> as the version to write.</summary>
    public static void Bind(NpgsqlCommand command, OrderState saga, int version)
    {
        var parameters = command.Parameters;
        parameters.AddWithValue("correlation_id", saga.CorrelationId);
        parameters.AddWithValue("order_id", saga.OrderId);
        parameters.AddWithValue("current_state", saga.CurrentState);
        parameters.AddWithValue("version", version);
        parameters.AddWithValue("created_at", saga.CreatedAt.ToUniversalTime());
        parameters.AddWithValue("updated_at", saga.UpdatedAt.ToUniversalTime());
        parameters.AddWithValue("state_entered_at", saga.StateEnteredAt.ToUniversalTime());
        AddTimestamp(parameters, "order_created_at", saga.OrderCreatedAt);
        AddTimestamp(parameters, "inventory_reserved_at", saga.InventoryReservedAt);
        AddTimestamp(parameters, "inventory_rejected_at", saga.InventoryRejectedAt);
        AddTimestamp(parameters, "payment_authorized_at", saga.PaymentAuthorizedAt);
        AddTimestamp(parameters, "payment_failed_at", saga.PaymentFailedAt);
        AddTimestamp(parameters, "delivery_assigned_at", saga.DeliveryAssignedAt);
        AddTimestamp(parameters, "delivered_at", saga.DeliveredAt);
        parameters.AddWithValue("stock_released", saga.StockReleased);
        AddTimestamp(parameters, "stock_released_at", saga.StockReleasedAt);
        AddNullable(parameters, "failure_reason", NpgsqlDbType.Text, saga.FailureReason);
        AddTimestamp(parameters, "estimated_arrival", saga.EstimatedArrival);
        AddNullable(parameters, "eta_sequence", NpgsqlDbType.Integer, saga.EtaSequence);
        parameters.AddWithValue("stalled", saga.Stalled);
        AddTimestamp(parameters, "stalled_at", saga.StalledAt);
        parameters.Add(new NpgsqlParameter<string>("history", NpgsqlDbType.Jsonb) { TypedValue = WriteHistory(saga.History) });
        AddTimestamp(parameters, "order_confirmed_at", saga.OrderConfirmedAt);
        AddTimestamp(parameters, "invoice_issued_at", saga.InvoiceIssuedAt);
        AddNullable(parameters, "invoice_number", NpgsqlDbType.Text, saga.InvoiceNumber);
        AddTimestamp(parameters, "cancel_requested_at", saga.CancelRequestedAt);
        AddNullable(parameters, "cancel_reason", NpgsqlDbType.Text, saga.CancelReason);
        AddTimestamp(parameters, "cancelled_at", saga.CancelledAt);
        AddTimestamp(parameters, "delivery_failed_at", saga.DeliveryFailedAt);
        AddTimestamp(parameters, "payment_refunded_at", saga.PaymentRefundedAt);
        AddNullable(parameters, "refund_id", NpgsqlDbType.Text, saga.RefundId);
        AddTimestamp(parameters, "invoice_credited_at", saga.InvoiceCreditedAt);
        AddNullable(parameters, "credit_note_number", NpgsqlDbType.Text, saga.CreditNoteNumber);
        AddTimestamp(parameters, "compensation_overdue_at", saga.CompensationOverdueAt);
    }

    /// <summary>The history as stored: the contract's JSON rules (camelCase, UTC timestamps).</summary>
    public static string WriteHistory(IReadOnlyList<SagaTransition> history) =>
        JsonSerializer.Serialize(history, FulfillmentJson.Options);

    public static string WriteTransition(SagaTransition transition) =>
        JsonSerializer.Serialize(transition, FulfillmentJson.Options);

    private static List<SagaTransition> ReadHistory(string json) =>
        JsonSerializer.Deserialize<List<SagaTransition>>(json, FulfillmentJson.Options) ?? [];

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? Timestamp(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static void AddTimestamp(NpgsqlParameterCollection parameters, string name, DateTimeOffset? value) =>
        AddNullable(parameters, name, NpgsqlDbType.TimestampTz, value?.ToUniversalTime());

    private static void AddNullable(NpgsqlParameterCollection parameters, string name, NpgsqlDbType type, object? value) =>
        parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
}
