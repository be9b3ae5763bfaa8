using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tests.Support;
using Fulfillment.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Assignment;

/// <summary>
/// What one assignment costs as the fleet grows: the rows of <c>drivers</c> it reads, counted by PostgreSQL for the
/// assigning transaction itself (<c>pg_stat_xact_user_tables</c>), and whether the driver it picks is still the
/// nearest free one when only an index is asked.
/// </summary>
[TestFixture]
public sealed class FleetScalingTests
{
    private const int Assignments = 30;

    [TestCase(1_000)]
    [TestCase(10_000)]
    public async Task An_assignment_reads_a_bounded_number_of_drivers_whatever_the_fleet_size(int fleetSize)
    {
        await using var host = await DeliveryTestHost.StartAsync($"delivery_fleet_{fleetSize}", pool: [], fleetSize: fleetSize);
        await host.Services.GetRequiredService<DriverPool>().EnsureSynchronisedAsync(CancellationToken.None);
        Assert.That(await host.QueryAsync(db => db.Drivers.CountAsync()), Is.EqualTo(fleetSize), "the generated fleet");

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeliveryDbContext>();
        var dispatcher = scope.ServiceProvider.GetRequiredService<DriverDispatcher>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var before = await DriverReadsAsync(db);
        var random = new Random(fleetSize);
        for (var i = 0; i < Assignments; i++)
        {
            var delivery = NewDelivery($"order-{i}", Near(DeliveryTestHost.Destination, random), host.Clock.GetUtcNow());
            db.Deliveries.Add(delivery);
            Assert.That(await dispatcher.TryAssignAsync(delivery, CancellationToken.None), Is.Not.Null);
            await db.SaveChangesAsync();
        }

        var after = await DriverReadsAsync(db);
        await transaction.CommitAsync();

        // The old assignment read every free driver (and re-inserted the whole pool): fleetSize rows per order.
        const int bound = 3 * DriverDispatcher.Candidates;
        using (Assert.EnterMultipleScope())
        {
            Assert.That((after.Rows - before.Rows) / (double)Assignments, Is.LessThanOrEqualTo(bound), "driver rows read per assignment");
            Assert.That(after.SequentialScans - before.SequentialScans, Is.Zero, "the fleet is searched by its index, never scanned");
        }
    }

    [Test]
    public async Task Each_order_gets_the_nearest_driver_free_at_that_moment()
    {
        await using var host = await DeliveryTestHost.StartAsync("delivery_fleet_nearest", pool: [], fleetSize: 2_000);
        var random = new Random(11);
        var destinations = Enumerable.Range(0, 40).Select(_ => Near(DeliveryTestHost.Destination, random)).ToList();
        for (var i = 0; i < destinations.Count; i++)
        {
            await host.ConsumeAsync(Envelopes.PaymentAuthorized($"order-{i:D2}", destinations[i]));
        }

        var drivers = await host.QueryAsync(db => db.Drivers.AsNoTracking().ToListAsync());
        var deliveries = await host.QueryAsync(db => db.Deliveries.AsNoTracking().OrderBy(d => d.OrderId).ToListAsync());
        var busy = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < deliveries.Count; i++)
        {
            // Drivers have not moved yet (no tick): their start positions are where they stand.
            var nearest = drivers
                .Where(d => !busy.Contains(d.DriverId))
                .Min(d => Haversine.Km(d.Latitude, d.Longitude, destinations[i].Latitude, destinations[i].Longitude));
            Assert.That(deliveries[i].DistanceKm, Is.EqualTo(nearest).Within(0.001), $"order-{i:D2} did not get the nearest free driver");
            busy.Add(deliveries[i].DriverId!);
        }
    }

    private static GeoPoint Near(GeoPoint centre, Random random) =>
        new(centre.Latitude + ((random.NextDouble() - 0.5) * 0.2), centre.Longitude + ((random.NextDouble() - 0.5) * 0.3));

    private static Delivery NewDelivery(string orderId, GeoPoint destination, DateTimeOffset now) => new()
    {
        DeliveryId = Guid.CreateVersion7(now),
        OrderId = orderId,
        Status = DeliveryStatuses.WaitingForDriver,
        DestinationLatitude = destination.Latitude,
        DestinationLongitude = destination.Longitude,
        CorrelationId = orderId,
        CausationId = orderId,
        CreatedAt = now,
    };

    /// <summary>
    /// This session's counters for <c>drivers</c> not yet sent to the statistics system: they include earlier
    /// transactions of the pooled connection, so a test compares two readings in one transaction.
    /// </summary>
    private static Task<DriverReads> DriverReadsAsync(DeliveryDbContext db) =>
        db.Database
            .SqlQuery<DriverReads>($"""
                SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS rows, coalesce(seq_scan, 0) AS sequential_scans
                FROM pg_stat_xact_user_tables WHERE relname = 'drivers'
                """)
            .SingleAsync();

    private sealed record DriverReads(long Rows, long SequentialScans);
}
