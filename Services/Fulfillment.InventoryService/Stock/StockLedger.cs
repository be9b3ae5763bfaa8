using Fulfillment.InventoryService.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InventoryService.Stock;

/// <summary>
/// The only code that changes stock levels, for one unit of work. A level is changed only on a row this ledger has
/// locked (<c>FOR UPDATE</c>) in the current transaction, so it is never computed from a stale read; the changed rows
/// are tracked and written by the consumer's next save.
/// </summary>
/// <remarks>
/// Lock order is what keeps reservations free of deadlocks: every transaction locks stock rows in ordinal SKU order.
/// The consumer host's <see cref="Reservations.InventoryBatchPreparer"/> locks every SKU the batch needs in one
/// statement before the first order is handled, so the consumers' own <see cref="LockAsync"/> calls find their rows
/// already held. A lock taken later that sorts below a row already held could wait in the opposite order to another
/// transaction; it is still correct (a deadlock rolls the batch back and it is retried) but it is counted and logged,
/// because it means a preparer missed a SKU.
/// </remarks>
public sealed class StockLedger(InventoryDbContext db, TimeProvider clock, ILogger<StockLedger> logger)
{
    private readonly SortedDictionary<string, StockItem?> _held = new(StringComparer.Ordinal);

    /// <summary>Locks outside SKU order since this ledger was created: zero unless a preparer missed a SKU.</summary>
    public int OutOfOrderLocks { get; private set; }

    /// <summary>
    /// Locks the stock rows of <paramref name="skus"/> not yet locked by this ledger, in SKU order, until the transaction
    /// ends, and returns the available units of every SKU asked for. Unknown SKUs are absent from the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> LockAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Stock rows are locked inside a transaction; without one the lock ends with the statement.");
        }

        var wanted = skus.Distinct(StringComparer.Ordinal).ToList();
        var missing = wanted.Where(sku => !_held.ContainsKey(sku)).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            if (_held.Count > 0 && StringComparer.Ordinal.Compare(missing[0], _held.Keys.Last()) < 0)
            {
                OutOfOrderLocks++;
                Log.StockLockedOutOfOrder(logger, missing[0], _held.Keys.Last());
            }

            // Tracked: the changes below are saved with the unit of work. ORDER BY under FOR UPDATE locks in that order.
            var rows = await db.Stock
                .FromSql($"SELECT * FROM stock WHERE sku = ANY({missing}) ORDER BY sku FOR UPDATE")
                .ToDictionaryAsync(row => row.Sku, StringComparer.Ordinal, cancellationToken);
            foreach (var sku in missing)
            {
                _held[sku] = rows.GetValueOrDefault(sku);
            }
        }

        return wanted
            .Select(sku => _held[sku])
            .OfType<StockItem>()
            .ToDictionary(row => row.Sku, row => row.Available, StringComparer.Ordinal);
    }

    /// <summary>Moves <paramref name="quantity"/> units of a locked SKU from available to reserved.</summary>
    /// <exception cref="InvalidOperationException">The SKU is not locked, or fewer units are available.</exception>
    public void Take(string sku, int quantity)
    {
        var row = Held(sku);
        if (row.Available < quantity)
        {
            throw new InvalidOperationException($"Could not take {quantity} units of {sku}: only {row.Available} are available.");
        }

        row.Available -= quantity;
        row.Reserved += quantity;
        row.UpdatedAt = clock.GetUtcNow();
    }

    /// <summary>Moves <paramref name="quantity"/> reserved units of a locked SKU back to available.</summary>
    /// <exception cref="InvalidOperationException">The SKU is not locked, or holds fewer reserved units.</exception>
    public void GiveBack(string sku, int quantity)
    {
        var row = Held(sku);
        if (row.Reserved < quantity)
        {
            throw new InvalidOperationException($"Could not give back {quantity} units of {sku}: only {row.Reserved} are reserved.");
        }

        row.Available += quantity;
        row.Reserved -= quantity;
        row.UpdatedAt = clock.GetUtcNow();
    }

    private StockItem Held(string sku) =>
        _held.GetValueOrDefault(sku)
        ?? throw new InvalidOperationException($"SKU {sku} is not locked by this unit of work, or does not exist: lock it first.");
}
