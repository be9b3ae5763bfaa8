using Fulfillment.InventoryService.Persistence;
using Fulfillment.Messaging.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fulfillment.InventoryService.Stock;

/// <summary>
/// Adds the configured catalog's SKUs that the database does not have yet; existing rows are left alone, so stock
/// that orders consumed is never reset by a restart.
/// </summary>
/// <remarks>
/// Runs in <see cref="StartingAsync"/>: after the chassis' migrations (registered earlier, run in the same phase and
/// in registration order) and before any hosted service's StartAsync, so the consumers never see an unseeded catalog.
/// </remarks>
public sealed class StockSeeder(
    IServiceScopeFactory scopes,
    IOptions<InventoryOptions> options,
    TimeProvider clock,
    ILogger<StockSeeder> logger) : StartupTask
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        var added = await SeedAsync(db, options.Value, clock.GetUtcNow(), cancellationToken);
        Log.StockSeeded(logger, added, options.Value.SeedCatalog().Count, options.Value.Warehouse);
    }

    /// <summary>Inserts the missing SKUs in one statement; instances starting together cannot insert one twice.</summary>
    /// <returns>How many SKUs were added.</returns>
    public static async Task<int> SeedAsync(
        InventoryDbContext db, InventoryOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var catalog = options.SeedCatalog();
        if (catalog.Count == 0)
        {
            return 0;
        }

        var skus = catalog.Keys.ToArray();
        var units = skus.Select(sku => catalog[sku]).ToArray();
        return await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO stock (sku, warehouse, available, reserved, updated_at)
            SELECT catalog.sku, {options.Warehouse}, catalog.units, 0, {now}
            FROM unnest({skus}, {units}) AS catalog (sku, units)
            ON CONFLICT (sku) DO NOTHING
            """,
            cancellationToken);
    }
}
