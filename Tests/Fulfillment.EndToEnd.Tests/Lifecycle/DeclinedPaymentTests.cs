using Fulfillment.EndToEnd.Tests.Api;
using Fulfillment.Messages;

namespace Fulfillment.EndToEnd.Tests.Lifecycle;

/// <summary>A declined payment fails the order and the compensation gives the reserved stock back.</summary>
[TestFixture]
public sealed class DeclinedPaymentTests : EndToEndTest
{
    /// <summary>Ordered by no other test, so its stock moves only with this test's order.</summary>
    private const string Sku = "SKU-003";

    [Test]
    public async Task A_declined_payment_fails_the_order_and_releases_its_stock()
    {
        var before = await Api.GetStockAsync(Sku);
        // The simulated gateway declines every customer whose id starts with "blocked-".
        var customer = OrderBodies.UniqueCustomer("blocked");

        var placed = await Api.PlaceOrderAsync(OrderBodies.Order(customer, Sku, quantity: 2, unitPrice: 12.50m));

        var order = await Api.WaitForOrderAsync(
            placed.OrderId,
            o => o.Status == OrderStatuses.PaymentFailed && o.CountOf(EventTypes.InventoryReleased) > 0,
            "PAYMENT_FAILED with inventory.released in its timeline");
        var saga = await Api.WaitForSagaAsync(
            placed.OrderId, s => s.State == OrderStatuses.PaymentFailed && s.StockReleased, "PAYMENT_FAILED with the stock released");

        // inventory.released is committed with the stock update, so the stock is back by now: read it once.
        var after = await Api.GetStockAsync(Sku);
        var reservation = await Api.FindReservationAsync(placed.OrderId);
        var payment = await Api.FindPaymentAsync(placed.OrderId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.Available, Is.EqualTo(before.Available), "available stock back to its level before the order");
            Assert.That(after.Reserved, Is.EqualTo(before.Reserved), "nothing left reserved for the order");
            Assert.That(reservation?.Status, Is.EqualTo("released"), "the reservation was released");
            Assert.That(reservation?.ReleasedAt, Is.Not.Null);

            Assert.That(payment?.Status, Is.EqualTo("declined"), "payment-service's record");
            Assert.That(payment?.DeclineReason, Does.Contain(customer));
            Assert.That(payment?.AuthCode, Is.Null);

            Assert.That(order.Payment?.FailureReason, Is.Not.Null.And.Not.Empty, "failure reason in the read model");
            Assert.That(order.Inventory?.ReleasedAt, Is.Not.Null, "release in the read model");
            Assert.That(order.Timeline.Select(e => e.EventType), Is.SupersetOf(new[]
            {
                EventTypes.OrderCreated, EventTypes.InventoryReserved, EventTypes.PaymentFailed, EventTypes.InventoryReleased,
            }));
            Assert.That(order.Timeline.Select(e => e.EventType), Has.None.AnyOf(
                EventTypes.PaymentAuthorized, EventTypes.DeliveryAssigned, EventTypes.EtaUpdated));
            Assert.That(order.Timeline.Single(e => e.EventType == EventTypes.InventoryReleased).CausationId,
                Is.EqualTo(order.Timeline.Single(e => e.EventType == EventTypes.PaymentFailed).EventId.ToString()),
                "the release answers the payment failure");

            Assert.That(saga.Terminal, Is.True);
            Assert.That(saga.FailureReason, Is.Not.Null.And.Not.Empty);
            Assert.That(saga.History.Select(h => h.EventType), Does.Contain(EventTypes.InventoryReleased));
        }
    }
}
