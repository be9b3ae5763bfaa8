using Fulfillment.InventoryService.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InventoryService.Stock;

/// <summary>
/// The only code that changes stock levels. Every change is a single conditional UPDATE, so a level can never be
/// computed from a stale read, and callers lock the rows they are about to change in SKU order first.
/// </summary>
public sealed class StockLedger(InventoryDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Locks the stock rows of <paramref name="skus"/> until the transaction ends and returns their available units.
    /// Rows are locked in SKU order, the same order for every order, so two reservations cannot deadlock each other.
    /// Unknown SKUs are simply absent from the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> LockAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Stock rows are locked inside a transaction; without one the lock ends with the statement.");
        }

        var wanted = skus.Distinct(StringComparer.Ordinal).ToArray();
        var rows = await db.Stock
            .FromSql($"SELECT * FROM stock WHERE sku = ANY({wanted}) ORDER BY sku FOR UPDATE")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(row => row.Sku, row => row.Available, StringComparer.Ordinal);
    }

    /// <summary>Moves <paramref name="quantity"/> units from available to reserved, only if that many are available.</summary>
    /// <exception cref="InvalidOperationException">Fewer units were available: the caller's check was not under lock.</exception>
    public async Task TakeAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await db.Stock
            .Where(s => s.Sku == sku && s.Available >= quantity)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.Available, s => s.Available - quantity)
                    .SetProperty(s => s.Reserved, s => s.Reserved + quantity)
                    .SetProperty(s => s.UpdatedAt, now),
                cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Could not take {quantity} units of {sku}: fewer are available than the locked read showed.");
        }
    }

    /// <summary>Moves <paramref name="quantity"/> reserved units back to available.</summary>
    public async Task GiveBackAsync(string sku, int quantity, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var updated = await db.Stock
            .Where(s => s.Sku == sku && s.Reserved >= quantity)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.Available, s => s.Available + quantity)
                    .SetProperty(s => s.Reserved, s => s.Reserved - quantity)
                    .SetProperty(s => s.UpdatedAt, now),
                cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"Could not give back {quantity} units of {sku}: the SKU is gone or holds fewer reserved units.");
        }
    }
}
