using System.Globalization;
using System.Text.RegularExpressions;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Npgsql;
using static Fulfillment.InventoryService.Tests.Support.Envelopes;

namespace Fulfillment.InventoryService.Tests.Service;

/// <summary>
/// Thousands of multi-line orders over a handful of hot SKUs, through two instances of the real service (Kafka consumer
/// group shared, eight lanes each, batches of up to 50), then payment failures, delivery verdicts and cancellation
/// requests releasing some of them while new orders still arrive, some of those cancelled too (in the same partition as
/// their creation, or by a verdict racing it from another topic). Lines name their SKUs in random order, so only the
/// service's own lock order keeps transactions apart; stock comes back exactly for what was reserved and then
/// cancelled or failed.
/// </summary>
[TestFixture]
public sealed partial class ConcurrentReservationTests
{
    private const int FirstWave = 2_000;
    private const int SecondWave = 1_000;
    private const int UnitsPerSku = 1_500;
    private static readonly string[] HotSkus = ["HOT-A", "HOT-B", "HOT-C", "HOT-D", "HOT-E"];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private ITestKafka _kafka = null!;
    private string _connectionString = null!;
    private readonly List<ServiceFactory<Program>> _instances = [];

    [SetUp]
    public async Task StartAsync()
    {
        _kafka = await TestKafka.StartAsync();
        _connectionString = await TestPostgres.CreateDatabaseAsync("inventory_hot");
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:Consumer:MaxConcurrency"] = "8",
            ["Kafka:Consumer:MaxBatchSize"] = "50",
        };
        foreach (var sku in HotSkus)
        {
            settings[$"Inventory:Catalog:{sku}"] = UnitsPerSku.ToString(CultureInfo.InvariantCulture);
        }

        for (var i = 0; i < 2; i++)
        {
            var instance = new ServiceFactory<Program>(_connectionString, _kafka.BootstrapServers, settings);
            _instances.Add(instance);
            _ = instance.Services; // starts the host: migrations, seeding, the consumer group
        }
    }

    [TearDown]
    public async Task StopAsync()
    {
        await StopInstancesAsync();
        await _kafka.DisposeAsync();
    }

    [Test]
    public async Task Hot_skus_under_two_instances_and_many_lanes_never_deadlock_and_the_stock_adds_up()
    {
        var random = new Random(20261201);
        var firstWave = Enumerable.Range(0, FirstWave).Select(i => RandomOrder($"hot-{i:D5}", random)).ToList();
        await KafkaTopic.ProduceAsync(_kafka.BootstrapServers, Topics.OrderEvents, firstWave);
        await Eventually.ReturnsAsync(() => CountAsync("SELECT count(*) FROM reservations"), n => n == FirstWave, what: "every order decided", timeout: Patience);

        // Before any release, stock only goes down: a rejection for a SKU means the SKU really ran short.
        var afterFirstWave = await StockAsync();
        var rejections = await ScalarListAsync<string>("SELECT reason FROM reservations WHERE status = 'rejected'");

        // First-wave reservations: a third see their payment fail, a third get a verdict (delivery cancelled or
        // failed), and half the rest only a cancellation request (too late: they stay reserved). Second-wave orders:
        // every fourth cancelled right after its creation (same partition), every fifth cancelled by a verdict that
        // races its creation from another topic.
        var reservedEarlier = await ScalarListAsync<string>("SELECT order_id FROM reservations WHERE status = 'reserved' ORDER BY order_id");
        var failures = reservedEarlier.Where((_, i) => i % 3 == 0).Select(orderId => (IEventEnvelope)PaymentFailed(orderId)).ToList();
        var verdicts = reservedEarlier.Where((_, i) => i % 3 == 1)
            .Select((orderId, i) => i % 2 == 0 ? (IEventEnvelope)DeliveryCancelled(orderId) : DeliveryFailed(orderId))
            .ToList();
        var lateRequests = reservedEarlier.Where((_, i) => i % 3 == 2 && i % 2 == 0).Select(orderId => (IEventEnvelope)OrderCancelled(orderId));
        var secondWave = Enumerable.Range(FirstWave, SecondWave)
            .SelectMany(i => i % 4 == 0
                ? new IEventEnvelope[] { RandomOrder($"hot-{i:D5}", random), OrderCancelled($"hot-{i:D5}") }
                : [RandomOrder($"hot-{i:D5}", random)])
            .Concat(lateRequests)
            .ToList();
        var racingVerdicts = Enumerable.Range(FirstWave, SecondWave).Where(i => i % 5 == 0).Select(i => (IEventEnvelope)DeliveryCancelled($"hot-{i:D5}")).ToList();
        var handled = FirstWave + failures.Count + verdicts.Count + secondWave.Count + racingVerdicts.Count;
        await Task.WhenAll(
            KafkaTopic.ProduceAsync(_kafka.BootstrapServers, Topics.PaymentEvents, failures),
            KafkaTopic.ProduceAsync(_kafka.BootstrapServers, Topics.DeliveryEvents, [.. verdicts, .. racingVerdicts]),
            KafkaTopic.ProduceAsync(_kafka.BootstrapServers, Topics.OrderEvents, secondWave));
        await Eventually.ReturnsAsync(
            () => CountAsync("SELECT count(*) FROM inbox_messages"), n => n == handled, what: "every event handled", timeout: Patience);

        var statuses = await StatusesAsync();
        var released = statuses.Where(s => s.Value == "released").Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var decided = statuses.Count(s => s.Value != "cancelled");
        var stock = await StockAsync();
        var held = await HeldBySkuAsync();
        var events = await KafkaTopic.ReadUntilAsync(
            _kafka.BootstrapServers, Topics.InventoryEvents, records => records.Count >= decided + released.Count, Patience);
        var deadlocks = await DeadlocksAfterStopAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deadlocks, Is.Zero, "deadlocks PostgreSQL detected in the service's database (pg_stat_database)");
            Assert.That(rejections, Is.Not.Empty, "the hot SKUs must run short, or the test proves nothing about the boundary");
            Assert.That(reservedEarlier, Is.Not.Empty);
            foreach (var sku in HotSkus)
            {
                Assert.That(stock[sku].Available + stock[sku].Reserved, Is.EqualTo(UnitsPerSku), $"{sku}: no unit created or lost");
                Assert.That(stock[sku].Reserved, Is.EqualTo(held.GetValueOrDefault(sku)), $"{sku}: reserved units are exactly the live reservations' lines");
            }

            foreach (var reason in rejections)
            {
                // "insufficient stock: HOT-B (requested 3, available 1), ...": each named SKU had fewer units than asked.
                var shortages = Shortage().Matches(reason);
                Assert.That(shortages, Is.Not.Empty, $"a rejection that names no shortage: {reason}");
                foreach (Match shortage in shortages)
                {
                    var sku = shortage.Groups["sku"].Value;
                    var requested = int.Parse(shortage.Groups["requested"].Value, CultureInfo.InvariantCulture);
                    Assert.That(afterFirstWave[sku].Available, Is.LessThan(requested), $"rejected for {sku} while enough was left: {reason}");
                }
            }

            Assert.That(statuses, Has.Count.EqualTo(FirstWave + SecondWave), "every order decided");

            // Stock back exactly for what was reserved and then cancelled or failed: every first-wave reservation
            // with a failure or a verdict, none with only a late request, and second-wave orders only if cancelled.
            var cancelledOrFailed = failures.Concat(verdicts).Select(e => e.OrderId).ToHashSet(StringComparer.Ordinal);
            Assert.That(cancelledOrFailed.Where(id => statuses[id] != "released"), Is.Empty, "first-wave reservations failed or cancelled but not released");
            Assert.That(reservedEarlier.Where(id => !cancelledOrFailed.Contains(id) && statuses[id] != "reserved"), Is.Empty, "reservations released without a verdict");
            var racing = racingVerdicts.Select(e => e.OrderId).ToHashSet(StringComparer.Ordinal);
            Assert.That(racing.Where(id => statuses[id] == "reserved"), Is.Empty, "orders reserved after their delivery was cancelled");
            Assert.That(released.Where(id => !cancelledOrFailed.Contains(id) && !racing.Contains(id)), Is.Empty, "released without a verdict");
            Assert.That(statuses.Where(s => s.Value == "cancelled" && !racing.Contains(s.Key) && !secondWave.Any(e => e.OrderId == s.Key && e is EventEnvelope<OrderCancelled>)).Select(s => s.Key), Is.Empty, "cancelled without a cancellation");

            var decisions = events.Where(e => e.Envelope.EventType != EventTypes.InventoryReleased).GroupBy(e => e.Key).ToList();
            Assert.That(decisions, Has.Count.EqualTo(decided), "one decision event per order not cancelled before its decision");
            Assert.That(decisions.Where(g => g.Count() != 1).Select(g => g.Key), Is.Empty, "orders with more than one decision event");
            Assert.That(decisions.Where(g => statuses[g.Key] == "cancelled").Select(g => g.Key), Is.Empty, "cancelled orders with a decision event");
            var releases = events.Where(e => e.Envelope.EventType == EventTypes.InventoryReleased).ToList();
            Assert.That(releases.Select(e => e.Key), Is.EquivalentTo(released), "one inventory.released per released reservation");
        }
    }

    [GeneratedRegex(@"(?<sku>\S+) \(requested (?<requested>\d+), available (?<available>\d+)\)")]
    private static partial Regex Shortage();

    private static EventEnvelope<OrderCreated> RandomOrder(string orderId, Random random)
    {
        var skus = HotSkus.OrderBy(_ => random.Next()).Take(random.Next(1, 5));
        return OrderCreated(orderId, [.. skus.Select(sku => Line(sku, random.Next(1, 4)))]);
    }

    private async Task StopInstancesAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _instances.Clear();
    }

    /// <summary>
    /// Stops both instances first: a server process publishes its statistics when its connection ends, so only then
    /// does pg_stat_database hold every deadlock the service's sessions hit.
    /// </summary>
    private async Task<long> DeadlocksAfterStopAsync()
    {
        await StopInstancesAsync();
        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(_connectionString).Database!;
        await using var admin = new NpgsqlConnection((await TestPostgres.ServerAsync()).AdminConnectionString);
        await admin.OpenAsync();
        await Eventually.ReturnsAsync(
            () => Scalar<long>(admin, $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}'"), n => n == 0, what: "the service's sessions ended");
        await Scalar<object>(admin, "SELECT pg_stat_clear_snapshot()");
        return await Scalar<long>(admin, $"SELECT deadlocks FROM pg_stat_database WHERE datname = '{database}'");
    }

    private async Task<Dictionary<string, (int Available, int Reserved)>> StockAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT sku, available, reserved FROM stock", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var stock = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            stock[reader.GetString(0)] = (reader.GetInt32(1), reader.GetInt32(2));
        }

        return stock;
    }

    private async Task<Dictionary<string, string>> StatusesAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT order_id, status FROM reservations", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            statuses[reader.GetString(0)] = reader.GetString(1);
        }

        return statuses;
    }

    private async Task<Dictionary<string, int>> HeldBySkuAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT l.sku, sum(l.quantity)::int FROM reservation_lines l JOIN reservations r USING (reservation_id) WHERE r.status = 'reserved' GROUP BY l.sku",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var held = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            held[reader.GetString(0)] = reader.GetInt32(1);
        }

        return held;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return await Scalar<long>(connection, sql);
    }

    private async Task<List<T>> ScalarListAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
