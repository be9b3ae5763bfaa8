using System.Net;
using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.OrderService.Tests.Support;
using Fulfillment.Testing;
using Npgsql;
using NUnit.Framework;
using static Fulfillment.OrderService.Tests.Support.Lifecycle;

namespace Fulfillment.OrderService.Tests.Service;

/// <summary>
/// Many orders through two instances of the real service (one consumer group, several lanes and batches each), every
/// order's events produced to their three topics at the same time, shuffled, with redeliveries and re-sent copies.
/// The topics have 6, 5 and 7 partitions, so an order's events land in partitions of both instances and are handled
/// at the same time: only the row lock and its order keep them apart.
/// </summary>
[TestFixture]
public sealed class ConcurrentStatusTests
{
    private const int OrderCount = 200;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly List<ServiceFactory<Program>> _instances = [];
    private EmbeddedTestKafka _kafka = null!;
    private string _connectionString = null!;

    [SetUp]
    public async Task StartAsync()
    {
        // Embedded whatever the infrastructure choice: its topics are created here, so they can differ in partition count.
        _kafka = EmbeddedTestKafka.Start(Topics.All.Except([Topics.PaymentEvents, Topics.DeliveryEvents]), partitions: 6);
        await _kafka.CreateTopicAsync(Topics.PaymentEvents, 5);
        await _kafka.CreateTopicAsync(Topics.DeliveryEvents, 7);
        _connectionString = await TestPostgres.CreateDatabaseAsync("orders_concurrent");
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:Consumer:MaxConcurrency"] = "4",
            ["Kafka:Consumer:MaxBatchSize"] = "25",
        };
        for (var i = 0; i < 2; i++)
        {
            var instance = new ServiceFactory<Program>(_connectionString, _kafka.BootstrapServers, settings);
            _instances.Add(instance);
            instance.Start();
        }
    }

    [TearDown]
    public async Task StopAsync()
    {
        await StopInstancesAsync();
        await _kafka.DisposeAsync();
    }

    [Test]
    public async Task Two_instances_confirm_every_order_exactly_once_and_never_deadlock()
    {
        var orderIds = await PlaceOrdersAsync();
        var random = new Random(20261213);
        var inventory = new List<IEventEnvelope>();
        var payment = new List<IEventEnvelope>();
        var delivery = new List<IEventEnvelope>();
        foreach (var id in orderIds.Select(Guid.Parse))
        {
            var reserved = Reserved(id);
            var authorized = Authorized(id);
            inventory.AddRange([reserved, reserved]);
            payment.AddRange([authorized, Resent(authorized)]);
            delivery.AddRange([Assigned(id), Completed(id)]);
        }

        const int distinctPerOrder = 5;
        await Task.WhenAll(
            KafkaTopic.ProduceAsync(_kafka.BootstrapServers, Topics.InventoryEvents, Shuffled(inventory, random)),
            KafkaTopic.ProduceAsync(_kafka.BootstrapServers, Topics.PaymentEvents, Shuffled(payment, random)),
            KafkaTopic.ProduceAsync(_kafka.BootstrapServers, Topics.DeliveryEvents, Shuffled(delivery, random)));
        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(_connectionString, "SELECT count(*) FROM inbox_messages"),
            n => n == OrderCount * distinctPerOrder,
            Patience,
            "every event handled");
        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(_connectionString, "SELECT count(*) FROM outbox_messages"), n => n == 0, Patience, "the outbox drained to Kafka");

        var statuses = await Sql.CountAsync(
            _connectionString, "SELECT count(*) FROM orders WHERE status = 'DELIVERED' AND confirmed_at = @at", ("at", At(2)));
        var confirmations = (await OrderEventsTopic.ReadAllAsync(_kafka.BootstrapServers, orderIds, Patience))
            .Where(e => e.EventType == EventTypes.OrderConfirmed)
            .GroupBy(e => e.OrderId)
            .ToDictionary(g => g.Key, g => g.Count());
        var deadlocks = await DeadlocksAfterStopAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses, Is.EqualTo(OrderCount), "orders DELIVERED and confirmed when their payment was authorized");
            Assert.That(orderIds.Where(id => confirmations.GetValueOrDefault(id) != 1), Is.Empty, "orders without exactly one order.confirmed");
            Assert.That(deadlocks, Is.Zero, "deadlocks PostgreSQL detected in the service's database");
        }
    }

    private async Task<List<string>> PlaceOrdersAsync()
    {
        var clients = _instances.Select(instance => instance.CreateClient()).ToList();
        try
        {
            var orderIds = new List<string>();
            for (var i = 0; i < OrderCount; i++)
            {
                using var response = await clients[i % clients.Count].SendAsync(Bodies.Post(Bodies.Json(Bodies.ValidOrder($"customer-{i}"))));
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                orderIds.Add(body.RootElement.GetProperty("orderId").GetString()!);
            }

            return orderIds;
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    private static List<IEventEnvelope> Shuffled(List<IEventEnvelope> events, Random random) =>
        [.. events.OrderBy(_ => random.Next())];

    /// <summary>
    /// Stops both instances first: a server process publishes its statistics when its connection ends, so only then
    /// does pg_stat_database count every deadlock the service's sessions ran into.
    /// </summary>
    private async Task<long> DeadlocksAfterStopAsync()
    {
        await StopInstancesAsync();
        NpgsqlConnection.ClearAllPools();
        var admin = (await TestPostgres.ServerAsync()).AdminConnectionString;
        var database = new NpgsqlConnectionStringBuilder(_connectionString).Database!;
        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(admin, "SELECT count(*) FROM pg_stat_activity WHERE datname = @db", ("db", database)),
            n => n == 0,
            what: "the service's sessions ended");
        // A new connection: its statistics snapshot is taken now, after every session published its counts.
        return await Sql.CountAsync(
            admin, "SELECT deadlocks FROM pg_stat_database WHERE datname = @db", ("db", database));
    }

    private async Task StopInstancesAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        _instances.Clear();
    }
}
