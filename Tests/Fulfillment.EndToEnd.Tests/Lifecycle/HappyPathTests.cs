using Fulfillment.EndToEnd.Tests.Api;
using Fulfillment.Messages;

namespace Fulfillment.EndToEnd.Tests.Lifecycle;

/// <summary>An order that can be fulfilled goes through every service and is tracked on the read side.</summary>
[TestFixture]
public sealed class HappyPathTests : EndToEndTest
{
    [Test]
    public async Task An_order_is_reserved_paid_and_handed_to_a_driver_whose_ETA_keeps_updating()
    {
        var customer = OrderBodies.UniqueCustomer("happy");
        var correlationId = "e2e-happy-" + Guid.NewGuid().ToString("N");

        var placed = await Api.PlaceOrderAsync(OrderBodies.Order(customer, "SKU-001", quantity: 2, unitPrice: 19.90m), correlationId: correlationId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(placed.Status, Is.EqualTo(OrderStatuses.Pending), "order-service's own status of a new order");
            Assert.That(placed.Total, Is.EqualTo(39.80m));
            Assert.That(placed.CorrelationId, Is.EqualTo(correlationId));
        }

        var order = await Api.WaitForOrderAsync(
            placed.OrderId,
            o => OrderStatuses.IsWithDriver(o.Status) && o.CountOf(EventTypes.EtaUpdated) >= 2,
            "with a driver and at least two eta.updated in its timeline");

        var byType = order.Timeline.GroupBy(e => e.EventType).ToDictionary(g => g.Key, g => g.First());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.CustomerId, Is.EqualTo(customer));
            Assert.That(order.Total, Is.EqualTo(39.80m));
            Assert.That(order.Currency, Is.EqualTo("EUR"));
            Assert.That(order.CorrelationId, Is.EqualTo(correlationId));
            Assert.That(order.Inventory?.ReservationId, Is.Not.Null, "reservation");
            Assert.That(order.Payment?.AuthCode, Does.StartWith("AUTH-"), "payment");
            Assert.That(order.Delivery?.DriverId, Does.StartWith("driver-"), "driver");
            Assert.That(order.Delivery?.EtaSequence, Is.GreaterThanOrEqualTo(2), "ETA sequence");
            Assert.That(order.Eta, Is.Not.Null.And.EqualTo(order.Delivery?.Eta), "current ETA");

            Assert.That(byType.Keys, Is.SupersetOf(new[]
            {
                EventTypes.OrderCreated, EventTypes.InventoryReserved, EventTypes.PaymentAuthorized, EventTypes.DeliveryAssigned,
            }));
            Assert.That(byType.Keys, Has.None.AnyOf(EventTypes.InventoryRejected, EventTypes.PaymentFailed, EventTypes.InventoryReleased));

            // The client's correlation id crossed every hop; each event names the service that produced it.
            Assert.That(order.Timeline.Select(e => e.CorrelationId), Is.All.EqualTo(correlationId), "correlation ids");
            Assert.That(order.Timeline.Select(e => e.EventId), Is.Unique, "event ids");
            Assert.That(ProducerOf(order, EventTypes.OrderCreated), Is.EqualTo("order-service"));
            Assert.That(ProducerOf(order, EventTypes.InventoryReserved), Is.EqualTo("inventory-service"));
            Assert.That(ProducerOf(order, EventTypes.PaymentAuthorized), Is.EqualTo("payment-service"));
            Assert.That(ProducerOf(order, EventTypes.DeliveryAssigned), Is.EqualTo("delivery-service"));
            Assert.That(order.Timeline.Where(e => e.EventType == EventTypes.EtaUpdated).Select(e => e.Producer), Is.All.EqualTo("delivery-service"));
        }

        // Each step was caused by the one before it.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(byType[EventTypes.OrderCreated].CausationId, Is.Null, "order.created has no cause event");
            Assert.That(CauseOf(byType, EventTypes.InventoryReserved), Is.EqualTo(byType[EventTypes.OrderCreated].EventId.ToString()));
            Assert.That(CauseOf(byType, EventTypes.PaymentAuthorized), Is.EqualTo(byType[EventTypes.InventoryReserved].EventId.ToString()));
            Assert.That(CauseOf(byType, EventTypes.DeliveryAssigned), Is.EqualTo(byType[EventTypes.PaymentAuthorized].EventId.ToString()));
        }

        var saga = await Api.WaitForSagaAsync(placed.OrderId, s => OrderStatuses.IsWithDriver(s.State), "DELIVERY_ASSIGNED or DELIVERED");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.FailureReason, Is.Null);
            Assert.That(saga.StockReleased, Is.False);
            Assert.That(saga.EstimatedArrival, Is.Not.Null);
            Assert.That(saga.History.Select(h => h.EventType), Is.SupersetOf(new[]
            {
                EventTypes.OrderCreated, EventTypes.InventoryReserved, EventTypes.PaymentAuthorized, EventTypes.DeliveryAssigned,
            }));
            Assert.That(saga.History.Select(h => h.To), Does.Contain(OrderStatuses.DeliveryAssigned));
            Assert.That(saga.History[^1].To, Is.EqualTo(saga.State), "the history ends in the current state");
        }
    }

    private static string ProducerOf(OrderDetails order, string eventType) => order.Timeline.First(e => e.EventType == eventType).Producer;

    private static string? CauseOf(Dictionary<string, TimelineEntry> byType, string eventType) => byType[eventType].CausationId;
}
