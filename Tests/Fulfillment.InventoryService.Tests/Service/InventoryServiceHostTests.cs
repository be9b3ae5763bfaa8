using System.Net;
using System.Net.Http.Json;
using Fulfillment.InventoryService.Reservations;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Messages;
using Fulfillment.Testing;
using static Fulfillment.InventoryService.Tests.Support.Envelopes;

namespace Fulfillment.InventoryService.Tests.Service;

/// <summary>
/// The whole service as it runs: Program and appsettings.json, migrations and seeding at start-up, the Kafka consumer
/// group, the outbox relay, HTTP. Kafka is the embedded mock cluster, PostgreSQL the test server.
/// </summary>
[TestFixture]
public sealed class InventoryServiceHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ServiceUnderTest<Program> _service = null!;

    [SetUp]
    public async Task StartAsync() => _service = await ServiceHost.StartAsync<Program>("inventory_host");

    [TearDown]
    public async Task StopAsync() => await _service.DisposeAsync();

    [Test]
    public async Task Demo_catalog_is_seeded_from_appsettings()
    {
        var stock = await _service.Http.GetFromJsonAsync<List<StockResponse>>("/api/stock");

        var expected = Enumerable.Range(1, 10).Select(i => ($"SKU-{i:D3}", 1000)).Append(("SKU-LOW", 3));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stock!.Select(s => (s.Sku, s.Available)), Is.EquivalentTo(expected));
            Assert.That(stock!.Select(s => s.Warehouse).Distinct(), Is.EqualTo(new[] { "WH-01" }));
        }
    }

    [Test]
    public async Task Order_from_kafka_is_reserved_then_released_when_payment_fails()
    {
        var order = OrderCreated("host-order-1", Line("SKU-001", 2), Line("SKU-LOW", 1));
        await KafkaTopic.ProduceAsync(_service.BootstrapServers, Topics.OrderEvents, order);

        var reserved = await KafkaTopic.ReadUntilAsync(
            _service.BootstrapServers, Topics.InventoryEvents, records => records.Count >= 1, Patience);
        Assert.That(reserved, Has.Count.EqualTo(1));
        var (key, envelope) = reserved[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(key, Is.EqualTo("host-order-1"));
            Assert.That(envelope.EventType, Is.EqualTo(EventTypes.InventoryReserved));
            Assert.That(envelope.OrderId, Is.EqualTo("host-order-1"));
            Assert.That(envelope.CorrelationId, Is.EqualTo(order.CorrelationId));
            Assert.That(envelope.CausationId, Is.EqualTo(order.EventId.ToString()));
            Assert.That(envelope.Producer, Is.EqualTo("inventory-service"));
            Assert.That(((InventoryReserved)envelope.Payload).Lines, Is.EqualTo(new[] { new StockLine("SKU-001", 2), new StockLine("SKU-LOW", 1) }));
            Assert.That((await StockAsync("SKU-LOW")).Available, Is.EqualTo(2));
            Assert.That((await ReservationAsync("host-order-1")).Status, Is.EqualTo("reserved"));
        }

        var failed = PaymentFailed("host-order-1");
        await KafkaTopic.ProduceAsync(_service.BootstrapServers, Topics.PaymentEvents, failed);

        var events = await KafkaTopic.ReadUntilAsync(
            _service.BootstrapServers, Topics.InventoryEvents, records => records.Count >= 2, Patience);
        Assert.That(events.Select(e => e.Envelope.EventType), Is.EqualTo(new[] { EventTypes.InventoryReserved, EventTypes.InventoryReleased }));
        var released = (InventoryReleased)events[1].Envelope.Payload;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events[1].Envelope.CausationId, Is.EqualTo(failed.EventId.ToString()));
            Assert.That(released.ReservationId, Is.EqualTo(((InventoryReserved)envelope.Payload).ReservationId));
            Assert.That((await StockAsync("SKU-LOW")).Available, Is.EqualTo(3));
            Assert.That((await StockAsync("SKU-001")).Available, Is.EqualTo(1000));
            Assert.That((await ReservationAsync("host-order-1")).Status, Is.EqualTo("released"));
        }
    }

    /// <summary>
    /// Decision 0019 through Kafka: a release on the verdict after a cancellation request, a verdict before the order,
    /// an order cancelled right behind its creation in the same partition, duplicates; then the inbox wiped and every
    /// record delivered again, which must give nothing back twice.
    /// </summary>
    [Test]
    public async Task Cancellations_from_kafka_release_once_or_never_reserve_even_after_an_inbox_wipe()
    {
        IEventEnvelope[] first =
        [
            OrderCreated("host-c1", Line("SKU-001", 2)),
            DeliveryFailed("host-c2"),
            OrderCreated("host-c3", Line("SKU-LOW", 1)), OrderCancelled("host-c3"),
        ];
        IEventEnvelope[] then =
        [
            OrderCancelled("host-c1"), DeliveryCancelled("host-c1"), DeliveryCancelled("host-c1"),
            OrderCreated("host-c2", Line("SKU-001", 5)),
            DeliveryCancelled("host-c3"),
        ];

        await ProduceAndWaitAsync(first);
        await ProduceAndWaitAsync(then);
        var events = await InventoryEventsAsync();

        var byOrder = events.ToLookup(e => e.Key, e => e.Envelope);
        var c3 = await ReservationAsync("host-c3");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(byOrder["host-c1"].Select(e => e.EventType), Is.EqualTo(new[] { EventTypes.InventoryReserved, EventTypes.InventoryReleased }));
            Assert.That(((InventoryReleased)byOrder["host-c1"].Last().Payload).Reason, Is.EqualTo("order cancelled"));
            Assert.That(byOrder["host-c2"], Is.Empty);
            Assert.That((await ReservationAsync("host-c2")).Status, Is.EqualTo("cancelled"));

            // Cancelled in the batch of its creation (never reserved), or reserved and given back on the verdict.
            Assert.That(
                byOrder["host-c3"].Select(e => e.EventType),
                Is.EqualTo(c3.Status == "cancelled" ? [] : new[] { EventTypes.InventoryReserved, EventTypes.InventoryReleased }));
            Assert.That(c3.Status, Is.AnyOf("cancelled", "released"));
            Assert.That((await StockAsync("SKU-001")).Available, Is.EqualTo(1000));
            Assert.That((await StockAsync("SKU-LOW")).Available, Is.EqualTo(3));
        }

        await Sql.ScalarAsync(_service.ConnectionString, "DELETE FROM inbox_messages");
        await ProduceAndWaitAsync([.. first, .. then]);
        var afterReplay = await InventoryEventsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterReplay, Has.Count.EqualTo(events.Count), "the replay emitted something");
            Assert.That((await StockAsync("SKU-001")).Available, Is.EqualTo(1000));
            Assert.That((await StockAsync("SKU-LOW")).Available, Is.EqualTo(3));
        }
    }

    [Test]
    public async Task Unknown_sku_and_unknown_order_are_problem_details()
    {
        using var sku = await _service.Http.GetAsync(new Uri("/api/stock/SKU-NOPE", UriKind.Relative));
        using var order = await _service.Http.GetAsync(new Uri("/api/reservations/no-such-order", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sku.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(sku.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(order.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(order.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    private Task ProduceAndWaitAsync(IReadOnlyList<IEventEnvelope> envelopes) =>
        HandledRecords.ProduceAndWaitAsync(_service, envelopes, Patience);

    /// <summary>Everything published is on Kafka once the outbox is empty: a bounded read returns all of it.</summary>
    private Task<List<(string Key, IEventEnvelope Envelope)>> InventoryEventsAsync() =>
        KafkaTopic.ReadUntilAsync(_service.BootstrapServers, Topics.InventoryEvents, _ => false, TimeSpan.FromSeconds(5));

    private async Task<StockResponse> StockAsync(string sku) =>
        (await _service.Http.GetFromJsonAsync<StockResponse>($"/api/stock/{sku}"))!;

    /// <summary>The event on Kafka means its transaction committed: the reservation is there to read.</summary>
    private async Task<ReservationResponse> ReservationAsync(string orderId) =>
        (await _service.Http.GetFromJsonAsync<ReservationResponse>($"/api/reservations/{orderId}"))!;
}
