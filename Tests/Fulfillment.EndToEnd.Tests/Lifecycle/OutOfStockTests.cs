using Fulfillment.EndToEnd.Tests.Api;
using Fulfillment.Messages;

namespace Fulfillment.EndToEnd.Tests.Lifecycle;

/// <summary>An order for more than the warehouse holds is rejected by inventory and goes no further.</summary>
[TestFixture]
public sealed class OutOfStockTests : EndToEndTest
{
    /// <summary>The demo catalog's scarce SKU (3 units); no other test orders it.</summary>
    private const string ScarceSku = "SKU-LOW";

    [Test]
    public async Task An_order_for_more_than_the_stock_is_rejected_and_takes_no_stock()
    {
        var before = await Api.GetStockAsync(ScarceSku);
        const int quantity = 5;
        Assert.That(before.Available, Is.LessThan(quantity), "precondition: the catalog cannot serve the order");

        var placed = await Api.PlaceOrderAsync(OrderBodies.Order(OrderBodies.UniqueCustomer("short"), ScarceSku, quantity, 4.50m));

        var order = await Api.WaitForOrderAsync(placed.OrderId, o => o.Status == OrderStatuses.InventoryRejected, "INVENTORY_REJECTED");
        var saga = await Api.WaitForSagaAsync(placed.OrderId, s => s.State == OrderStatuses.InventoryRejected, "INVENTORY_REJECTED");
        var reservation = await Api.FindReservationAsync(placed.OrderId);
        var after = await Api.GetStockAsync(ScarceSku);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Inventory?.RejectionReason, Is.Not.Null.And.Not.Empty, "rejection reason in the read model");
            Assert.That(order.Inventory?.ReservationId, Is.Null, "no reservation in the read model");
            Assert.That(order.Timeline.Select(e => e.EventType), Does.Contain(EventTypes.InventoryRejected));
            Assert.That(order.Timeline.Select(e => e.EventType), Has.None.AnyOf(
                EventTypes.InventoryReserved, EventTypes.PaymentAuthorized, EventTypes.PaymentFailed, EventTypes.DeliveryAssigned));
            Assert.That(order.Payment, Is.Null, "no payment in the read model");

            Assert.That(saga.Terminal, Is.True, "a rejection is final");
            Assert.That(saga.FailureReason, Is.Not.Null.And.Not.Empty);
            Assert.That(saga.History.Select(h => h.EventType), Does.Contain(EventTypes.InventoryRejected));

            Assert.That(reservation?.Status, Is.EqualTo("rejected"), "inventory-service's decision");
            Assert.That(after.Available, Is.EqualTo(before.Available), "available stock untouched");
            Assert.That(after.Reserved, Is.EqualTo(before.Reserved), "reserved stock untouched");
        }
    }
}
