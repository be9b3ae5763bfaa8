using System.Net;
using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.OrderService.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;
using static Fulfillment.OrderService.Tests.Support.Lifecycle;

namespace Fulfillment.OrderService.Tests.Service;

/// <summary>
/// The whole service as it runs (Program, migrations, the consumer group on the lifecycle topics, the batch preparer,
/// inbox, outbox relay, HTTP) on an embedded Kafka of its own.
/// </summary>
[TestFixture]
public sealed class OrderStatusHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ServiceUnderTest<Program> _service = null!;

    [SetUp]
    public async Task StartAsync() => _service = await ServiceHost.StartAsync<Program>("orders_host");

    [TearDown]
    public async Task StopAsync() => await _service.DisposeAsync();

    [Test]
    public async Task A_delivered_order_is_confirmed_exactly_once_under_redelivery_and_replay()
    {
        var body = Bodies.ValidOrder("customer-host");
        body["customerEmail"] = "jane@example.com";
        using var placed = await _service.Http.SendAsync(Bodies.Post(Bodies.Json(body)));
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var orderId = (await ReadAsync(placed)).GetProperty("orderId").GetString()!;
        var id = Guid.Parse(orderId);

        // The delivery overtakes payment and stock; the authorization comes twice under one eventId (a redelivery),
        // the reservation twice under two (re-sent).
        var reserved = Reserved(id);
        var authorized = Authorized(id);
        IEventEnvelope[] arrival = [Assigned(id), authorized, authorized, reserved, Resent(reserved), Completed(id)];
        const int distinct = 5;
        await ProduceAndAwaitAsync(arrival, distinct);
        var delivered = await Eventually.ReturnsAsync(
            async () => await ReadAsync(await _service.Http.GetAsync(OrderPath(orderId))),
            order => order.GetProperty("status").GetString() == "DELIVERED",
            Patience,
            "the order DELIVERED");

        // A replay after the inbox forgot them (dead-letter replay, inbox cleaned up): only the status guards now.
        await Sql.CountAsync(_service.ConnectionString, "WITH gone AS (DELETE FROM inbox_messages RETURNING 1) SELECT count(*) FROM gone");
        await ProduceAndAwaitAsync(arrival, distinct);
        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(_service.ConnectionString, "SELECT count(*) FROM outbox_messages"), n => n == 0, Patience, "the outbox drained to Kafka");

        var events = await OrderEventsTopic.ReadAllAsync(_service.BootstrapServers, [orderId], Patience);
        var confirmations = events.OfType<EventEnvelope<OrderConfirmed>>().ToList();
        var created = events.OfType<EventEnvelope<OrderCreated>>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events.Select(e => e.EventType), Is.EquivalentTo(new[] { EventTypes.OrderCreated, EventTypes.OrderConfirmed }));
            Assert.That(created.Payload.CustomerEmail, Is.EqualTo("jane@example.com"));
            Assert.That(confirmations, Has.Count.EqualTo(1));
            var confirmed = confirmations.Single();
            Assert.That(confirmed.Producer, Is.EqualTo("order-service"));
            Assert.That(confirmed.CausationId, Is.AnyOf([.. arrival.Select(e => e.EventId.ToString())]), "caused by the event that confirmed it");
            Assert.That(confirmed.Payload.CustomerId, Is.EqualTo("customer-host"));
            Assert.That(confirmed.Payload.CustomerEmail, Is.EqualTo("jane@example.com"));
            Assert.That(confirmed.Payload.Total, Is.EqualTo(Bodies.ValidOrderTotal));
            Assert.That(confirmed.Payload.Currency, Is.EqualTo("EUR"));
            Assert.That(confirmed.Payload.Items, Is.EqualTo(new[] { new OrderLine("SKU-APPLE", 3, 0.1m), new OrderLine("SKU-PEAR", 2, 12.345m) }));

            Assert.That(delivered.GetProperty("customerEmail").GetString(), Is.EqualTo("jane@example.com"));
            Assert.That(Step(delivered, "stockReservedAt"), Is.EqualTo(At(1)));
            Assert.That(Step(delivered, "paymentAuthorizedAt"), Is.EqualTo(At(2)));
            Assert.That(Step(delivered, "confirmedAt"), Is.EqualTo(At(2)));
            Assert.That(Step(delivered, "outForDeliveryAt"), Is.EqualTo(At(3)));
            Assert.That(Step(delivered, "deliveredAt"), Is.EqualTo(At(4)));
            Assert.That(delivered.GetProperty("rejectedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(delivered.GetProperty("paymentFailedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
    }

    [Test]
    public async Task A_cancelled_and_a_failed_order_end_in_their_verdicts_with_what_was_undone_shown()
    {
        var cancelledId = await OrderRequests.PlaceAsync(_service.Http, "customer-host-cancel");
        var failedId = await OrderRequests.PlaceAsync(_service.Http, "customer-host-failed");
        using var cancel = await _service.Http.SendAsync(OrderRequests.Cancel(cancelledId));
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        await ProduceAndAwaitAsync([.. CancelledAfterPayment(Guid.Parse(cancelledId)), .. FailedDelivery(Guid.Parse(failedId))], 10);
        var cancelled = await ReadAsync(await _service.Http.GetAsync(OrderPath(cancelledId)));
        var failed = await ReadAsync(await _service.Http.GetAsync(OrderPath(failedId)));
        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(_service.ConnectionString, "SELECT count(*) FROM outbox_messages"), n => n == 0, Patience, "the outbox drained to Kafka");
        var events = await OrderEventsTopic.ReadAllAsync(_service.BootstrapServers, [cancelledId, failedId], Patience);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cancelled.GetProperty("status").GetString(), Is.EqualTo("CANCELLED"));
            Assert.That(cancelled.GetProperty("cancelRequestedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(Step(cancelled, "cancelledAt"), Is.EqualTo(At(3)));
            Assert.That(Step(cancelled, "refundedAt"), Is.EqualTo(At(4)));
            Assert.That(cancelled.GetProperty("refundId").GetString(), Is.EqualTo($"ref-{cancelledId}"));
            Assert.That(Step(cancelled, "stockReleasedAt"), Is.EqualTo(At(5)));
            Assert.That(cancelled.GetProperty("deliveryFailedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));

            Assert.That(failed.GetProperty("status").GetString(), Is.EqualTo("DELIVERY_FAILED"));
            Assert.That(Step(failed, "deliveryFailedAt"), Is.EqualTo(At(3)));
            Assert.That(failed.GetProperty("deliveryFailureCode").GetString(), Is.EqualTo(DeliveryFailureCodes.NoDriverInTime));
            Assert.That(failed.GetProperty("deliveryFailureReason").GetString(), Is.EqualTo("no driver could be assigned in time"));
            Assert.That(Step(failed, "refundedAt"), Is.EqualTo(At(4)));
            Assert.That(Step(failed, "stockReleasedAt"), Is.EqualTo(At(5)));
            Assert.That(failed.GetProperty("cancelRequestedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(failed.GetProperty("cancelledAt").ValueKind, Is.EqualTo(JsonValueKind.Null));

            var cancellations = events.OfType<EventEnvelope<OrderCancelled>>().ToList();
            Assert.That(cancellations.Select(e => (e.OrderId, e.Payload.CustomerId)), Is.EqualTo(new[] { (cancelledId, "customer-host-cancel") }));
        }
    }

    /// <summary>Produces each event to its topic, in turn, and waits until the group has claimed <paramref name="distinct"/> eventIds.</summary>
    private async Task ProduceAndAwaitAsync(IEnumerable<IEventEnvelope> arrival, int distinct)
    {
        foreach (var envelope in arrival)
        {
            await KafkaTopic.ProduceAsync(_service.BootstrapServers, envelope);
        }

        await Eventually.ReturnsAsync(
            () => Sql.CountAsync(_service.ConnectionString, "SELECT count(*) FROM inbox_messages"), n => n == distinct, Patience, "every event handled");
    }

    private static string OrderPath(string orderId) => $"/api/orders/{orderId}";

    private static DateTimeOffset Step(JsonElement order, string name) => order.GetProperty(name).GetDateTimeOffset();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
