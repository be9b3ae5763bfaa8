using Fulfillment.OrderService.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.OrderService.Status;

/// <summary>
/// The order rows one unit of work has locked, tracked by its DbContext: a status is only ever changed on a row held
/// here, so it is never decided from a stale read, and the changes are written by the unit of work's one save.
/// </summary>
/// <remarks>
/// Events of one order come on three topics, whose partitions two instances (or, with unequal partition counts, any
/// assignment) may handle at the same time; the row lock makes them take turns, and the second reads what the first
/// committed. Deadlocks are excluded by lock order: every transaction locks order rows in order_id order.
/// <see cref="OrderBatchPreparer"/> locks the whole batch's orders in one statement before the first event is handled;
/// without it (MassTransit's test harness, one event per transaction) each transaction locks one row. A lock taken
/// later that sorts below a row already held could wait in the opposite order to another transaction: still correct
/// (PostgreSQL breaks the deadlock, the batch is retried), but counted and logged, as it means the preparer missed an
/// order.
/// </remarks>
public sealed class LockedOrders(OrderDbContext db, ILogger<LockedOrders> logger)
{
    // Guid's ordering (unsigned, field by field) is the canonical text's, which is PostgreSQL's uuid ordering.
    private readonly SortedDictionary<Guid, Order?> _held = new();

    /// <summary>Locks taken outside order_id order since this unit of work began: zero unless the preparer missed one.</summary>
    public int OutOfOrderLocks { get; private set; }

    /// <summary>Locks the rows of <paramref name="orderIds"/> not yet held, in order_id order, until the transaction ends.</summary>
    public async Task LockAsync(IEnumerable<Guid> orderIds, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Order rows are locked inside a transaction; without one the lock ends with the statement.");
        }

        var missing = orderIds.Where(id => !_held.ContainsKey(id)).Distinct().Order().ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        if (_held.Count > 0 && missing[0].CompareTo(_held.Keys.Last()) < 0)
        {
            OutOfOrderLocks++;
            Log.OrderLockedOutOfOrder(logger, missing[0], _held.Keys.Last());
        }

        // FOR NO KEY UPDATE: the lock the UPDATE itself takes, so nothing has to be upgraded at the save, and inserts
        // that reference an order (its key) are not held up. ORDER BY under a locking clause locks in that order.
        // Lines are not loaded: only a confirmation needs them.
        var rows = await db.Orders
            .FromSql($"SELECT * FROM orders WHERE order_id = ANY({missing}) ORDER BY order_id FOR NO KEY UPDATE")
            .IgnoreAutoIncludes()
            .ToDictionaryAsync(order => order.OrderId, cancellationToken);
        foreach (var id in missing)
        {
            _held[id] = rows.GetValueOrDefault(id);
        }
    }

    /// <summary>The order, locked (now, unless already held); null when order-service has no such order.</summary>
    public async Task<Order?> GetAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await LockAsync([orderId], cancellationToken);
        return _held[orderId];
    }
}
