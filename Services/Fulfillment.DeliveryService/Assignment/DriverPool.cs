using Fulfillment.DeliveryService.Persistence;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fulfillment.DeliveryService.Assignment;

/// <summary>
/// Keeps the drivers table in step with the configured pool, once per process (at start-up, or before the first
/// assignment where nothing starts the host, as in tests): configured drivers missing from the table are added
/// (existing rows keep their positions), and rows no longer configured leave the pool. Assignments never touch the
/// configuration again, so their cost does not grow with the fleet.
/// </summary>
public sealed class DriverPool(IServiceScopeFactory scopes, IOptions<DeliveryOptions> options, TimeProvider clock, ILogger<DriverPool> logger)
{
    private readonly Lock _gate = new();
    private Task? _synchronised;

    /// <summary>
    /// Completes once the table holds the configured pool; the first caller starts the work, in its own transaction.
    /// A failed attempt (the database was down) is tried again by the next caller.
    /// </summary>
    public Task EnsureSynchronisedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_synchronised is null or { IsFaulted: true } or { IsCanceled: true })
            {
                _synchronised = SynchroniseAsync(scopes, options.Value, clock, logger);
            }

            return _synchronised.WaitAsync(cancellationToken);
        }
    }

    private static async Task SynchroniseAsync(IServiceScopeFactory scopes, DeliveryOptions options, TimeProvider clock, ILogger logger)
    {
        var pool = options.Pool().ToList();
        var ids = pool.Select(d => d.Id).ToArray();
        var latitudes = pool.Select(d => d.Latitude).ToArray();
        var longitudes = pool.Select(d => d.Longitude).ToArray();
        var now = clock.GetUtcNowMicroseconds();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var added = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO drivers (driver_id, latitude, longitude, idle_since)
            SELECT id, lat, lon, {now} FROM unnest({ids}::text[], {latitudes}::float8[], {longitudes}::float8[]) AS pool (id, lat, lon)
            ON CONFLICT (driver_id) DO NOTHING
            """,
            CancellationToken.None);
        var retired = await db.Database.ExecuteSqlAsync(
            $"UPDATE drivers SET in_pool = (driver_id = ANY({ids})) WHERE in_pool <> (driver_id = ANY({ids}))",
            CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        if (added + retired > 0)
        {
            // A pool that grew by thousands must not be planned with the statistics of an empty table.
            await db.Database.ExecuteSqlAsync($"ANALYZE drivers", CancellationToken.None);
        }

        Log.DriverPoolSynchronised(logger, pool.Count, added, retired);
    }
}
