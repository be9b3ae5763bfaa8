using System.Globalization;
using Confluent.Kafka;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tests.Support;
using Fulfillment.Messages;
using Fulfillment.Messaging.Outbox;
using Fulfillment.Testing;
using Microsoft.EntityFrameworkCore;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Service;

/// <summary>
/// Decision 0019 through two instances of the real service (one consumer group, four lanes each, batches of up to 50,
/// both tickers running) on one database and a Kafka of the test's own: more paid orders than drivers, and
/// cancellations that come before the payment, race it (in the same batch, or handled by the other instance at the same
/// moment), race the assignment, and race the assignment timeout. Whatever interleaving happened, every order gets exactly one verdict, and
/// the database agrees with it.
/// </summary>
[TestFixture]
public sealed class VerdictRaceTests
{
    private const int Orders = 150;
    private const int Partitions = 6;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>About 30 km north of the fleet: a driver given one of these orders stays on the road through the test.</summary>
    private static readonly GeoPoint FarNorth = new(49.1266, 2.3522);

    private static readonly string[] Verdicts = [EventTypes.DeliveryAssigned, EventTypes.DeliveryCancelled, EventTypes.DeliveryFailed];

    private readonly List<ServiceFactory<Program>> _instances = [];
    private ITestKafka _kafka = null!;
    private string _connectionString = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _kafka = await TestKafka.StartAsync(Partitions);
        _connectionString = await TestPostgres.CreateDatabaseAsync("delivery_race");
    }

    [TearDown]
    public async Task StopAsync()
    {
        await StopInstancesAsync();
        await _kafka.DisposeAsync();
    }

    [Test]
    public async Task Cancellations_racing_payments_assignments_and_the_timeout_leave_every_order_exactly_one_verdict()
    {
        var orders = Enumerable.Range(0, Orders).Select(i => $"race-{i:D4}").ToList();
        // Quarters: cancelled before the payment is sent, cancelled together with the payment, cancelled about when
        // the timeout strikes, never cancelled.
        var first = orders.Where((_, i) => i % 4 == 0).ToList();
        var early = orders.Where((_, i) => i % 4 == 1).ToList();
        var late = orders.Where((_, i) => i % 4 == 2).ToList();
        var cancelled = first.Concat(early).Concat(late).ToList();

        // A backlog before the instances start, so batches are full. An early cancel goes to the partition of its
        // payment's number (range assignment gives both to the same instance: often one batch, in either order) or to
        // the one three further (the other instance: handled at the same moment, on another connection).
        await using (var producer = new Producer(_kafka.BootstrapServers))
        {
            await Task.WhenAll(orders.Except(first).Select(order => producer.ProduceAsync(
                Topics.PaymentEvents, PartitionOf(order), Envelopes.PaymentAuthorized(order, FarNorth))));
            await Task.WhenAll(early.Select((order, i) => producer.ProduceAsync(
                Topics.OrderEvents, (PartitionOf(order) + (i % 2 * 3)) % Partitions, Envelopes.OrderCancelled(order))));
            await Task.WhenAll(first.Select(order => producer.ProduceAsync(Topics.OrderEvents, PartitionOf(order), Envelopes.OrderCancelled(order))));
        }

        StartInstances(2);
        await Eventually.ReturnsAsync(
            async () => (
                Failed: await CountAsync("SELECT count(*) FROM deliveries WHERE status = 'FAILED'"),
                CancelledFirst: await Sql.CountAsync(
                    _connectionString, "SELECT count(*) FROM deliveries WHERE status = 'CANCELLED' AND order_id = ANY(@first)", ("first", first.ToArray()))),
            n => n.Failed > 0 && n.CancelledFirst == first.Count,
            what: "the assignment timeout striking, and the cancellations sent first handled",
            timeout: Patience);
        await using (var producer = new Producer(_kafka.BootstrapServers))
        {
            await Task.WhenAll(
                late.Select(order => producer.ProduceAsync(Topics.OrderEvents, PartitionOf(order), Envelopes.OrderCancelled(order)))
                    .Concat(first.Select(order => producer.ProduceAsync(
                        Topics.PaymentEvents, PartitionOf(order), Envelopes.PaymentAuthorized(order, FarNorth)))));
        }

        await Eventually.ReturnsAsync(
            async () => (
                Handled: await CountAsync("SELECT count(*) FROM inbox_messages"),
                Waiting: await CountAsync("SELECT count(*) FROM deliveries WHERE status = 'WAITING_FOR_DRIVER'"),
                Deliveries: await CountAsync("SELECT count(*) FROM deliveries")),
            n => n.Handled == Orders + cancelled.Count && n.Waiting == 0 && n.Deliveries == Orders,
            what: "every event handled and no delivery left waiting",
            timeout: Patience);
        await Eventually.ReturnsAsync(
            async () => (await VerdictsOnTopicAsync()).Select(r => r.Key).Distinct().Count(),
            n => n == Orders,
            what: "a verdict for every order published",
            timeout: Patience);

        await StopInstancesAsync();
        var onTopic = await VerdictsOnTopicAsync();
        var (deliveries, busyDrivers, unpublished) = await ReadDatabaseAsync();
        var verdicts = onTopic.Select(r => (Key: r.Key!, Type: r.Header("eventType")!)).Concat(unpublished).ToList();
        var perOrder = verdicts.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.Select(v => v.Type).ToList());
        var etaKeys = (await Kcat.ConsumeAsync(_kafka.BootstrapServers, Topics.DeliveryEvents, 1_000_000, Patience))
            .Where(r => r.Header("eventType") is EventTypes.EtaUpdated or EventTypes.DeliveryCompleted)
            .Select(r => r.Key!)
            .ToHashSet();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(orders.Where(o => perOrder.GetValueOrDefault(o)?.Count != 1), Is.Empty, "orders without exactly one verdict");
            foreach (var order in orders.Where(perOrder.ContainsKey))
            {
                var delivery = deliveries[order];
                var expected = perOrder[order][0] switch
                {
                    EventTypes.DeliveryAssigned => new[] { DeliveryStatuses.EnRoute, DeliveryStatuses.Delivered },
                    EventTypes.DeliveryCancelled => [DeliveryStatuses.Cancelled],
                    _ => [DeliveryStatuses.Failed],
                };
                Assert.That(expected, Does.Contain(delivery.Status), $"{order}: its verdict was {perOrder[order][0]}");
                if (delivery.Status is DeliveryStatuses.Cancelled or DeliveryStatuses.Failed)
                {
                    Assert.That(delivery.DriverId, Is.Null, $"{order}: a driver for a {delivery.Status} delivery");
                    Assert.That(etaKeys, Does.Not.Contain(order), $"{order}: on the road although {delivery.Status}");
                }
            }

            Assert.That(orders.Except(cancelled).Where(o => deliveries[o].Status == DeliveryStatuses.Cancelled), Is.Empty,
                "cancelled without a cancellation");
            Assert.That(first.Where(o => deliveries[o].Status != DeliveryStatuses.Cancelled), Is.Empty,
                "cancelled before the payment was sent, yet not cancelled");
            Assert.That(deliveries.Values.Where(d => d.Status == DeliveryStatuses.Failed).Select(d => d.FailureCode),
                Is.All.EqualTo(DeliveryFailureCodes.NoDriverInTime));
            Assert.That(busyDrivers, Is.EquivalentTo(deliveries.Values.Where(d => d.Status == DeliveryStatuses.EnRoute).Select(d => d.DriverId)),
                "busy drivers are exactly the drivers of the deliveries on the road");

            // Otherwise the test proves nothing about the races it is about.
            var statuses = deliveries.Values.GroupBy(d => d.Status).ToDictionary(g => g.Key, g => g.Count());
            Assert.That(statuses.Keys, Is.SupersetOf(new[] { DeliveryStatuses.EnRoute, DeliveryStatuses.Cancelled, DeliveryStatuses.Failed }));
        }
    }

    private static int PartitionOf(string order) => int.Parse(order.AsSpan(order.IndexOf('-') + 1), CultureInfo.InvariantCulture) % Partitions;

    private void StartInstances(int count)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:Consumer:MaxConcurrency"] = "4",
            ["Kafka:Consumer:MaxBatchSize"] = "50",
            ["Delivery:EtaInterval"] = "00:00:01",
            ["Delivery:TimeScale"] = "1",
            ["Delivery:AssignmentTimeout"] = "00:00:03",
            // With the six drivers of appsettings.json: 46 drivers for 150 orders.
            ["Delivery:Fleet:Size"] = "40",
        };
        for (var i = 0; i < count; i++)
        {
            var instance = new ServiceFactory<Program>(_connectionString, _kafka.BootstrapServers, settings);
            _instances.Add(instance);
            _ = instance.Services; // starts the host: migrations, the driver pool, the consumer group, the ticker
        }
    }

    private async Task StopInstancesAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _instances.Clear();
    }

    private async Task<List<KcatRecord>> VerdictsOnTopicAsync() =>
        [.. (await Kcat.ConsumeAsync(_kafka.BootstrapServers, Topics.DeliveryEvents, 1_000_000, Patience))
            .Where(r => Verdicts.Contains(r.Header("eventType")))];

    private Task<long> CountAsync(string sql) => Sql.CountAsync(_connectionString, sql);

    /// <summary>Every delivery by order, the deliveries the drivers are on, and the verdicts still in the outbox.</summary>
    private async Task<(Dictionary<string, Delivery> Deliveries, List<string?> BusyDriversOn, List<(string Key, string Type)> Unpublished)> ReadDatabaseAsync()
    {
        await using var db = new DeliveryDbContext(new DbContextOptionsBuilder<DeliveryDbContext>().UseNpgsql(_connectionString).Options);
        var deliveries = await db.Deliveries.AsNoTracking().ToDictionaryAsync(d => d.OrderId, StringComparer.Ordinal);
        var busy = await db.Drivers.AsNoTracking().Where(d => d.ActiveDeliveryId != null).Select(d => d.ActiveDeliveryId!.Value).ToListAsync();
        var byId = deliveries.Values.ToDictionary(d => d.DeliveryId);
        var unpublished = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => Verdicts.Contains(m.EventType))
            .Select(m => new { m.MessageKey, m.EventType })
            .ToListAsync();
        return (
            deliveries,
            [.. busy.Select(id => byId.TryGetValue(id, out var delivery) ? delivery.DriverId : $"unknown delivery {id}")],
            [.. unpublished.Select(m => (m.MessageKey, m.EventType))]);
    }

    /// <summary>A producer that writes each envelope to the partition it is told, as a skewed assignment would route it.</summary>
    private sealed class Producer(string bootstrapServers) : IAsyncDisposable
    {
        private readonly IProducer<string, byte[]> _producer = new ProducerBuilder<string, byte[]>(
            new ProducerConfig { BootstrapServers = bootstrapServers, EnableIdempotence = true, Acks = Acks.All, LingerMs = 5 }).Build();

        public Task<DeliveryResult<string, byte[]>> ProduceAsync(string topic, int partition, IEventEnvelope envelope) =>
            _producer.ProduceAsync(new TopicPartition(topic, new Partition(partition)), KafkaTopic.ToMessage(envelope));

        public ValueTask DisposeAsync()
        {
            _producer.Flush(TimeSpan.FromSeconds(10));
            _producer.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
