using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Messaging.Persistence;

/// <summary>
/// One lock per order for a unit of work: a PostgreSQL transaction-level advisory lock on a key derived from the order
/// id, held until the transaction ends. For a service whose decision about an order reads one table and writes
/// another (a payment versus a remembered cancellation, an invoice versus a remembered cancellation): with no row to
/// lock before the first write, two transactions of two instances could each read "nothing there" and each write
/// their half. With the lock they take turns, whatever topic their event came from.
/// </summary>
/// <remarks>
/// Scoped, like the unit of work: a batch preparer locks every order of the batch in one statement, in ascending key
/// order, so two batches can never wait on each other in opposite orders; the consumers lock their own order again,
/// which costs nothing once held (and is their only lock on MassTransit's test harness, one order per transaction).
/// Keys are 64 bits of SHA-256 of the order id: two orders that share a key only take turns.
/// </remarks>
public sealed class OrderLocks(DbContext db)
{
    private readonly SortedSet<long> _held = [];

    /// <summary>
    /// Calls that had to take a key below one already held in this unit of work: zero unless a batch preparer missed an
    /// order, which is when two transactions could wait on each other.
    /// </summary>
    public int OutOfOrderLocks { get; private set; }

    /// <summary>Locks the orders not yet held; true when one of them had to be taken out of key order (see <see cref="OutOfOrderLocks"/>).</summary>
    public async Task<bool> LockAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var keys = orderIds.Select(KeyOf).Where(key => !_held.Contains(key)).Distinct().Order().ToArray();
        if (keys.Length == 0)
        {
            return false;
        }

        var outOfOrder = _held.Count > 0 && keys[0] < _held.Max;
        if (outOfOrder)
        {
            OutOfOrderLocks++;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Orders are locked inside the unit of work's transaction; without one the lock would end with the statement.");
        }

        // The sorted subquery feeds the aggregate in key order, so the locks are taken in that order.
        await db.Database.ExecuteSqlAsync(
            $"SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT unnest({keys}) AS k ORDER BY k) AS ordered",
            cancellationToken);
        _held.UnionWith(keys);
        return outOfOrder;
    }

    public Task<bool> LockAsync(string orderId, CancellationToken cancellationToken) => LockAsync([orderId], cancellationToken);

    internal static long KeyOf(string orderId) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(orderId)));
}
