using Fulfillment.Messages;
using Fulfillment.Messaging.Persistence;
using Fulfillment.Messaging.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.DeliveryService.Persistence;

/// <summary>
/// The orders one unit of work of the consumer group holds, and their deliveries (tracked by its DbContext): a
/// verdict is only ever decided for an order held here, so payment.authorized and order.cancelled of one order never
/// decide side by side from the same stale read (decision 0019: at most one verdict per order).
/// </summary>
/// <remarks>
/// The two events come on two topics, whose partitions two instances may handle at the same time, and before the
/// first of them there is no delivery row to lock. So an order is held by the chassis' per-order advisory lock
/// (<see cref="OrderLocks"/>) and then by the row lock on its delivery, if it has one. The advisory locks are taken in
/// ascending key order, so two batches never wait on each other in opposite orders
/// (decision 0010); <see cref="DeliveryBatchPreparer"/> takes a whole batch's in one statement. The row lock keeps the
/// ticker off: its assignments and time-outs claim waiting deliveries with <c>SKIP LOCKED</c>, so a consumer holding
/// one waits for nothing the ticker holds and the ticker never waits for a consumer; a consumer that finds the row
/// claimed by a tick waits for that tick and then reads what it committed.
/// </remarks>
public sealed class LockedDeliveries(DeliveryDbContext db, OrderLocks locks, ILogger<LockedDeliveries> logger)
{
    private readonly Dictionary<string, Delivery?> _held = new(StringComparer.Ordinal);

    /// <summary>Holds the orders of <paramref name="orderIds"/> not yet held (and their deliveries) until the transaction ends.</summary>
    public async Task LockAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Orders are held inside a transaction; without one the locks end with the statement.");
        }

        var missing = orderIds.Where(id => !_held.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        if (await locks.LockAsync(missing, cancellationToken))
        {
            Log.OrderLockedOutOfOrder(logger, missing[0], locks.OutOfOrderLocks);
        }

        // FOR NO KEY UPDATE: what the save's UPDATE takes anyway, and what the ticker's FOR UPDATE SKIP LOCKED skips.
        var rows = await db.Deliveries
            .FromSql($"SELECT * FROM deliveries WHERE order_id = ANY({missing}) ORDER BY order_id FOR NO KEY UPDATE")
            .ToDictionaryAsync(delivery => delivery.OrderId, StringComparer.Ordinal, cancellationToken);
        foreach (var id in missing)
        {
            _held[id] = rows.GetValueOrDefault(id);
        }
    }

    /// <summary>The order's delivery, locked (now, unless already held); null when it has none yet.</summary>
    public async Task<Delivery?> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        await LockAsync([orderId], cancellationToken);
        return _held[orderId];
    }

    /// <summary>
    /// A new delivery for a held order that had none, caused by <paramref name="cause"/> (its correlation, its id as the
    /// cause of what the ticker later emits, its trace): added to the unit of work, and found by the next look-up.
    /// </summary>
    public Delivery Create(IEventEnvelope cause, string status, DateTimeOffset now)
    {
        var delivery = new Delivery
        {
            DeliveryId = Guid.CreateVersion7(now),
            OrderId = cause.OrderId,
            Status = status,
            CorrelationId = cause.CorrelationId,
            CausationId = cause.EventId.ToString(),
            TraceParent = ChassisTelemetry.CurrentTraceParent(),
            CreatedAt = now,
        };
        Add(delivery);
        return delivery;
    }

    private void Add(Delivery delivery)
    {
        if (!_held.TryGetValue(delivery.OrderId, out var existing))
        {
            throw new InvalidOperationException($"Order {delivery.OrderId} is not held: lock it before creating its delivery.");
        }

        if (existing is not null)
        {
            throw new InvalidOperationException($"Order {delivery.OrderId} already has delivery {existing.DeliveryId}.");
        }

        db.Deliveries.Add(delivery);
        _held[delivery.OrderId] = delivery;
    }
}
