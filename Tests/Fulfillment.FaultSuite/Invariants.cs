using Npgsql;

namespace Fulfillment.FaultSuite;

/// <summary>
/// The invariants as SQL a reviewer can read, against the services' own databases (query-api's read model, timeline,
/// saga and dead letters; inventory's stock and reservations; payment's payments). Run after the load stopped and the
/// platform drained.
/// </summary>
public sealed class Invariants(IReadOnlyDictionary<string, NpgsqlDataSource> databases, IReadOnlyList<string> seededSkus, int initialUnitsPerSku)
{
    /// <summary>Final for this suite: the order's flow is over (the tracker's end: assigned, delivered, or a failure).</summary>
    private const string NotFinalSql = """
        SELECT id FROM unnest(@ids::text[]) AS accepted(id)
        LEFT JOIN orders o ON o.order_id = accepted.id
        WHERE o.order_id IS NULL
           OR o.status NOT IN ('DELIVERY_ASSIGNED', 'DELIVERED', 'PAYMENT_FAILED', 'INVENTORY_REJECTED', 'CANCELLED', 'DELIVERY_FAILED')
        """;

    /// <summary>The saga (written in the same transaction as the read model) must tell the same status.</summary>
    private const string SagaDisagreesSql = """
        SELECT o.order_id FROM orders o LEFT JOIN order_sagas s ON s.order_id = o.order_id
        WHERE o.order_id = ANY(@ids) AND (s.order_id IS NULL OR s.current_state <> o.status)
        """;

    /// <summary>
    /// Per order, by event id (a redelivered event is the same row): one created, one inventory decision (none when the
    /// cancel came first: decision 0019), ≤ 1 payment decision, ≤ 1 verdict of delivery-service, ≤ 1 cancel request.
    /// </summary>
    private const string FactNotOnceSql = """
        SELECT order_id FROM order_timeline WHERE order_id = ANY(@ids)
        GROUP BY order_id
        HAVING count(*) FILTER (WHERE event_type = 'order.created') <> 1
            OR count(*) FILTER (WHERE event_type IN ('inventory.reserved', 'inventory.rejected'))
               NOT IN (1, CASE WHEN bool_or(event_type = 'delivery.cancelled') THEN 0 ELSE 1 END)
            OR count(*) FILTER (WHERE event_type IN ('payment.authorized', 'payment.failed')) > 1
            OR count(*) FILTER (WHERE event_type IN ('delivery.assigned', 'delivery.cancelled', 'delivery.failed')) > 1
            OR count(*) FILTER (WHERE event_type = 'order.cancelled') > 1
        """;

    /// <summary>
    /// Compensation, per order (issue #14): refunded ⇔ authorized and not delivered (the verdict cancelled or failed), at
    /// most once; stock back ⇔ reserved and not delivered (declined, cancelled or failed), at most once; a credit note ⇔
    /// invoiced and not delivered; CANCELLED ⇔ delivery-service accepted a cancel; a driver never follows a cancel verdict.
    /// </summary>
    private const string CompensationWrongSql = """
        WITH facts AS (
            SELECT o.order_id, o.status,
                   count(*) FILTER (WHERE t.event_type = 'delivery.assigned') AS assigned,
                   count(*) FILTER (WHERE t.event_type = 'delivery.cancelled') AS cancelled,
                   count(*) FILTER (WHERE t.event_type IN ('delivery.cancelled', 'delivery.failed')) AS undone,
                   count(*) FILTER (WHERE t.event_type = 'payment.authorized') AS authorized,
                   count(*) FILTER (WHERE t.event_type = 'payment.failed') AS declined,
                   count(*) FILTER (WHERE t.event_type = 'payment.refunded') AS refunded,
                   count(*) FILTER (WHERE t.event_type = 'inventory.reserved') AS reserved,
                   count(*) FILTER (WHERE t.event_type = 'inventory.released') AS released,
                   count(*) FILTER (WHERE t.event_type = 'invoice.issued') AS invoiced,
                   count(*) FILTER (WHERE t.event_type = 'invoice.credited') AS credited
            FROM orders o JOIN order_timeline t USING (order_id)
            WHERE o.order_id = ANY(@ids)
            GROUP BY o.order_id, o.status)
        SELECT order_id || ' ' || status || ': assigned ' || assigned || ', undone ' || undone || ', authorized ' || authorized
               || ', refunded ' || refunded || ', reserved ' || reserved || ', declined ' || declined || ', released ' || released
               || ', invoiced ' || invoiced || ', credited ' || credited
        FROM facts
        WHERE refunded <> CASE WHEN authorized > 0 AND undone > 0 THEN 1 ELSE 0 END
           OR released <> CASE WHEN reserved > 0 AND (undone > 0 OR declined > 0) THEN 1 ELSE 0 END
           OR credited <> CASE WHEN invoiced > 0 AND undone > 0 THEN 1 ELSE 0 END
           OR (status = 'CANCELLED') <> (cancelled > 0)
           OR (assigned > 0 AND undone > 0)
        """;

    /// <summary>An accepted cancel (202) must be on the order's topic; a refused one (409) must not be; nothing else is an answer.</summary>
    private const string CancelAnswerWrongSql = """
        SELECT a.order_id || ': answered ' || a.answers || ', order.cancelled ' || (c.order_id IS NOT NULL)
        FROM unnest(@cancelled::text[], @answers::text[]) AS a(order_id, answers)
        LEFT JOIN (SELECT DISTINCT order_id FROM order_timeline WHERE event_type = 'order.cancelled') c USING (order_id)
        WHERE a.answers !~ '^(202( 202)*|409( 409)*)$'
           OR (a.answers LIKE '202%') <> (c.order_id IS NOT NULL)
        """;

    /// <summary>
    /// Per SKU: initial − reserved + released = available for the SKUs the load orders (seeded with a known count; the
    /// service's own small demo catalogue has no recorded initial), and for every SKU what live reservations hold = reserved.
    /// </summary>
    private const string StockMismatchSql = """
        WITH moved AS (
            SELECT l.sku,
                   coalesce(sum(l.quantity) FILTER (WHERE r.status IN ('reserved', 'released')), 0) AS reserved_ever,
                   coalesce(sum(l.quantity) FILTER (WHERE r.status = 'released'), 0) AS released
            FROM reservation_lines l JOIN reservations r USING (reservation_id)
            GROUP BY l.sku)
        SELECT s.sku || ': available ' || s.available || ', expected ' || (@initial - coalesce(m.reserved_ever, 0) + coalesce(m.released, 0))
        FROM stock s LEFT JOIN moved m USING (sku)
        WHERE (s.sku = ANY(@seeded) AND s.available <> @initial - coalesce(m.reserved_ever, 0) + coalesce(m.released, 0))
           OR s.reserved <> coalesce(m.reserved_ever, 0) - coalesce(m.released, 0)
        """;

    private const string PaymentTwiceSql = "SELECT order_id FROM payments GROUP BY order_id HAVING count(*) > 1";

    /// <summary>Every dead letter must be a poison record the suite produced, and carry the DLQ headers (parsed into these columns).</summary>
    private const string UnexpectedDeadLettersSql = """
        SELECT topic || '@' || "offset" || ' key ' || coalesce(key, '(none)') FROM dead_letters
        WHERE NOT (key = ANY(@poison)) OR original_topic IS NULL OR error IS NULL
        """;

    private const string PoisonNotDeadLetteredSql = """
        SELECT key FROM unnest(@poison::text[]) AS injected(key)
        WHERE NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.key = injected.key)
        """;

    /// <summary>Where an order that is not final got to, service by service (the first few only), so a failure says where to look.</summary>
    private static readonly (string Service, string Sql)[] TraceQueries =
    [
        ("order-service", """
            SELECT coalesce((SELECT status FROM orders WHERE order_id::text = @id), 'no order')
                || ', outbox rows ' || (SELECT count(*) || ' (attempts ' || coalesce(max(attempts), 0) || ')' FROM outbox_messages WHERE message_key = @id)
            """),
        ("inventory-service", "SELECT coalesce((SELECT status FROM reservations WHERE order_id = @id), 'no reservation')"),
        ("payment-service", "SELECT coalesce((SELECT status FROM payments WHERE order_id = @id), 'no payment')"),
        ("delivery-service", "SELECT coalesce((SELECT status FROM deliveries WHERE order_id = @id), 'no delivery')"),
        ("query-api", "SELECT coalesce((SELECT string_agg(event_type, ' ' ORDER BY occurred_at) FROM order_timeline WHERE order_id = @id), 'no event')"),
    ];

    private const int OrdersTraced = 5;

    public async Task<InvariantReport> CheckAsync(IReadOnlyList<string> acceptedOrders, FaultContext context, CancellationToken cancellationToken)
    {
        var ids = acceptedOrders.ToArray();
        var poison = context.PoisonKeys.ToArray();
        var cancels = context.CancelAnswers.ToArray();
        var query = databases["query-api"];
        var notFinal = await ListAsync(query, NotFinalSql, cancellationToken, ("ids", ids));
        return new InvariantReport(
            ids.Length,
            [.. await Task.WhenAll(notFinal.Take(OrdersTraced).Select(id => TraceAsync(id, cancellationToken))), .. notFinal.Skip(OrdersTraced)],
            await ListAsync(query, SagaDisagreesSql, cancellationToken, ("ids", ids)),
            await ListAsync(query, FactNotOnceSql, cancellationToken, ("ids", ids)),
            await ListAsync(databases["inventory-service"], StockMismatchSql, cancellationToken, ("initial", initialUnitsPerSku), ("seeded", seededSkus.ToArray())),
            await ListAsync(databases["payment-service"], PaymentTwiceSql, cancellationToken),
            await ListAsync(query, UnexpectedDeadLettersSql, cancellationToken, ("poison", poison)),
            await ListAsync(query, PoisonNotDeadLetteredSql, cancellationToken, ("poison", poison)),
            await ListAsync(query, CompensationWrongSql, cancellationToken, ("ids", ids)),
            await ListAsync(query, CancelAnswerWrongSql, cancellationToken,
                ("cancelled", cancels.Select(c => c.Key).ToArray()), ("answers", cancels.Select(c => string.Join(' ', c.Value)).ToArray())));
    }

    private async Task<string> TraceAsync(string orderId, CancellationToken cancellationToken)
    {
        var steps = new List<string>();
        foreach (var (service, sql) in TraceQueries)
        {
            var found = databases.TryGetValue(service, out var database)
                ? string.Join(", ", await ListAsync(database, sql, cancellationToken, ("id", orderId)))
                : "(database not known)";
            steps.Add($"{service}: {found}");
        }

        return $"{orderId} [{string.Join("; ", steps)}]";
    }

    private static async Task<IReadOnlyList<string>> ListAsync(
        NpgsqlDataSource database, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await QueryAsync(database, sql, parameters, cancellationToken);
            }
            catch (NpgsqlException) when (attempt < 3)
            {
                // After the postgres-restart scenario the suite's own idle pooled connections are dead: drop them, ask again.
                database.Clear();
            }
        }
    }

    private static async Task<IReadOnlyList<string>> QueryAsync(
        NpgsqlDataSource database, string sql, (string Name, object Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
