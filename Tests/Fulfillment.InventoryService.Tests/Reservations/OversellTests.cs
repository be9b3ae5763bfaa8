using Fulfillment.InventoryService.Persistence;
using Fulfillment.Messages;
using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Fulfillment.InventoryService.Tests.Support.Envelopes;

namespace Fulfillment.InventoryService.Tests.Reservations;

/// <summary>
/// Many orders, on many partitions, competing at the same moment for the last units. Each order is handled as the
/// consumer host handles a record: its own DI scope and DbContext, a transaction opened first, the consumer dispatched
/// through the MassTransit mediator, then SaveChanges and commit.
/// </summary>
[TestFixture]
public sealed class OversellTests
{
    private MediatorInventory _inventory = null!;
    private ServiceProvider _provider = null!;
    private string _connectionString = null!;
    private OutcomeRecorder.Outcomes _outcomes = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _inventory = await MediatorInventory.StartAsync(new Dictionary<string, int>
        {
            ["SKU-HOT"] = 20,
            ["SKU-P"] = 25,
            ["SKU-Q"] = 25,
            ["SKU-R"] = 1000,
        });
        (_provider, _connectionString, _outcomes) = (_inventory.Provider, _inventory.ConnectionString, _inventory.Outcomes);
    }

    [TearDown]
    public async Task StopAsync() => await _inventory.DisposeAsync();

    [Test]
    public async Task Sixty_concurrent_orders_for_twenty_units_reserve_exactly_twenty()
    {
        var orders = Enumerable.Range(1, 60).Select(i => OrderCreated($"hot-{i:D2}", Line("SKU-HOT", 1))).ToList();

        var samples = await RunConcurrentlyAsync(orders, "SKU-HOT");

        var stock = await StockAsync("SKU-HOT");
        var decisions = await StatusCountsAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_outcomes.Reserved, Has.Count.EqualTo(20));
            Assert.That(_outcomes.Rejected, Has.Count.EqualTo(40));
            Assert.That(_outcomes.Rejected.SelectMany(r => r.Shortages), Has.All.Matches<StockShortage>(s => s is { Sku: "SKU-HOT", Requested: 1, Available: 0 }));
            Assert.That(decisions.GetValueOrDefault(ReservationStatus.Reserved), Is.EqualTo(20));
            Assert.That(decisions.GetValueOrDefault(ReservationStatus.Rejected), Is.EqualTo(40));
            Assert.That((stock.Available, stock.Reserved), Is.EqualTo((0, 20)));
            AssertNeverOversold(samples, initial: 20);
        }
    }

    [Test]
    public async Task Concurrent_multi_line_orders_in_any_line_order_neither_oversell_nor_deadlock()
    {
        // Lines listed in opposite orders: without locking in one SKU order, pairs of these would deadlock.
        var orders = Enumerable.Range(1, 50)
            .Select(i => i % 2 == 0
                ? OrderCreated($"multi-{i:D2}", Line("SKU-R", 1), Line("SKU-Q", 1), Line("SKU-P", 1))
                : OrderCreated($"multi-{i:D2}", Line("SKU-P", 1), Line("SKU-Q", 1), Line("SKU-R", 1)))
            .ToList();

        var samples = await RunConcurrentlyAsync(orders, "SKU-P");

        var p = await StockAsync("SKU-P");
        var q = await StockAsync("SKU-Q");
        var r = await StockAsync("SKU-R");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_outcomes.Reserved, Has.Count.EqualTo(25));
            Assert.That(_outcomes.Rejected, Has.Count.EqualTo(25));
            Assert.That((p.Available, p.Reserved), Is.EqualTo((0, 25)));
            Assert.That((q.Available, q.Reserved), Is.EqualTo((0, 25)));

            // All or nothing: rejected orders did not keep their SKU-R unit.
            Assert.That((r.Available, r.Reserved), Is.EqualTo((975, 25)));
            AssertNeverOversold(samples, initial: 25);
        }
    }

    /// <summary>
    /// The stock CHECK keeps <c>available</c> from going negative, so a lost update (two orders taking the same last
    /// unit from the same read) would not show there: it shows as more units promised to reservations than were taken
    /// from stock. Every snapshot must add up, and none may promise more than the SKU ever had.
    /// </summary>
    private static void AssertNeverOversold(IReadOnlyList<StockSample> samples, int initial)
    {
        Assert.That(samples, Is.Not.Empty, "the stock was never sampled");
        Assert.That(
            samples.Where(s => s.Promised != initial - s.Available || s.Promised != s.Reserved),
            Is.Empty,
            "snapshots where the units held by reserved reservations differ from the units taken from stock");
        Assert.That(samples.Max(s => s.Promised), Is.LessThanOrEqualTo(initial), "more units promised than the SKU had");
    }

    /// <summary>Runs every order at once; returns the snapshots of <paramref name="watchedSku"/> taken meanwhile and once after.</summary>
    private async Task<IReadOnlyList<StockSample>> RunConcurrentlyAsync(List<EventEnvelope<OrderCreated>> orders, string watchedSku)
    {
        var ready = new CountdownEvent(orders.Count);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlers = orders.Select(order => Task.Run(async () =>
        {
            await using var scope = _provider.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
            var mediator = scope.ServiceProvider.GetRequiredService<IScopedMediator>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            ready.Signal();
            await go.Task;
            await mediator.Send(order);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        })).ToList();

        Assert.That(ready.Wait(TimeSpan.FromSeconds(60)), Is.True, "not every order got its transaction");
        using var watching = new CancellationTokenSource();
        var watcher = WatchAsync(watchedSku, watching.Token);
        go.SetResult();
        await Task.WhenAll(handlers);
        await watching.CancelAsync();
        return await watcher;
    }

    /// <summary>
    /// Samples the SKU's stock row and the units its reserved reservations hold, in one statement (one snapshot, so
    /// a committed reservation is seen with its stock change or not at all), until stopped and once more after.
    /// </summary>
    private async Task<IReadOnlyList<StockSample>> WatchAsync(string sku, CancellationToken stop)
    {
        var samples = new List<StockSample>();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            """
            SELECT s.available, s.reserved,
                   (SELECT coalesce(sum(l.quantity), 0)::int
                    FROM reservation_lines l JOIN reservations r ON r.reservation_id = l.reservation_id
                    WHERE l.sku = s.sku AND r.status = 'reserved')
            FROM stock s WHERE s.sku = @sku
            """,
            connection);
        command.Parameters.AddWithValue("sku", sku);
        while (true)
        {
            var stopping = stop.IsCancellationRequested;
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                await reader.ReadAsync(CancellationToken.None);
                samples.Add(new StockSample(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
            }

            if (stopping)
            {
                return samples;
            }
        }
    }

    private async Task<StockItem> StockAsync(string sku)
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Stock.AsNoTracking().SingleAsync(s => s.Sku == sku);
    }

    private async Task<Dictionary<ReservationStatus, int>> StatusCountsAsync()
    {
        await using var scope = _provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().Reservations
            .GroupBy(r => r.Status)
            .ToDictionaryAsync(g => g.Key, g => g.Count());
    }

    private sealed record StockSample(int Available, int Reserved, int Promised);
}
