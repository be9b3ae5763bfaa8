using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Fulfillment.InventoryService.Persistence;

public static class DatabaseFacadeExtensions
{
    /// <summary>
    /// Begins a transaction unless one is already open and returns it (null when the caller's transaction is used).
    /// The consumer host always opens one around a batch; the test harness does not, and the stock row locks only
    /// protect anything while a transaction holds them.
    /// </summary>
    public static async Task<IDbContextTransaction?> BeginUnlessAmbientAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        database.CurrentTransaction is null ? await database.BeginTransactionAsync(cancellationToken) : null;
}
