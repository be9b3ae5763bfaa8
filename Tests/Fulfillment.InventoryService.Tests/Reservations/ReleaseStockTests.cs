using Fulfillment.InventoryService.Persistence;
using Fulfillment.Messages;
using static Fulfillment.InventoryService.Tests.Support.Envelopes;

namespace Fulfillment.InventoryService.Tests.Reservations;

[TestFixture]
public sealed class ReleaseStockTests() : InventoryHarnessTest(new Dictionary<string, int> { ["SKU-A"] = 10, ["SKU-B"] = 5 })
{
    [Test]
    public async Task Failed_payment_gives_the_stock_back_and_announces_it()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 3), Line("SKU-B", 2), Line("SKU-A", 1)));
        var reserved = Inventory.Published<InventoryReserved>().Single();

        await Inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1", "declined: customer 'blocked-1' is blocked"));

        var released = Inventory.Published<InventoryReleased>();
        Assert.That(released, Has.Count.EqualTo(1));
        var reservation = await Inventory.ReservationAsync("order-1");
        var stockA = await Inventory.StockAsync("SKU-A");
        var stockB = await Inventory.StockAsync("SKU-B");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(released[0].ReservationId, Is.EqualTo(reserved.ReservationId));
            Assert.That(released[0].Lines, Is.EqualTo(new[] { new StockLine("SKU-A", 4), new StockLine("SKU-B", 2) }));
            Assert.That(released[0].Reason, Is.EqualTo("payment failed"));

            Assert.That(reservation!.Status, Is.EqualTo(ReservationStatus.Released));
            Assert.That(reservation.ReleasedAt, Is.Not.Null);
            Assert.That(reservation.Reason, Is.EqualTo(released[0].Reason));
            Assert.That((stockA.Available, stockA.Reserved), Is.EqualTo((10, 0)));
            Assert.That((stockB.Available, stockB.Reserved), Is.EqualTo((5, 0)));
        }
    }

    [Test]
    public async Task Released_stock_can_be_reserved_by_the_next_order()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-B", 5)));
        await Inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-2", Line("SKU-B", 5)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Inventory.Published<InventoryReserved>(), Has.Count.EqualTo(2));
            Assert.That((await Inventory.StockAsync("SKU-B")).Available, Is.Zero);
        }
    }

    [Test]
    public async Task Second_payment_failure_releases_nothing_more()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 3)));

        await Inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));
        await Inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));

        var stock = await Inventory.StockAsync("SKU-A");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Inventory.Published<InventoryReleased>(), Has.Count.EqualTo(1));
            Assert.That((stock.Available, stock.Reserved), Is.EqualTo((10, 0)));
            Assert.That((await Inventory.ReservationAsync("order-1"))!.Status, Is.EqualTo(ReservationStatus.Released));
        }
    }

    [Test]
    public async Task Payment_failure_for_a_rejected_order_changes_nothing()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 11)));

        await Inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Inventory.Published<InventoryReleased>(), Is.Empty);
            Assert.That((await Inventory.ReservationAsync("order-1"))!.Status, Is.EqualTo(ReservationStatus.Rejected));
            Assert.That((await Inventory.StockAsync("SKU-A")).Available, Is.EqualTo(10));
        }
    }

    [Test]
    public async Task Payment_failure_seen_before_the_order_cancels_it_without_an_event()
    {
        await Inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 2)));

        var reservation = await Inventory.ReservationAsync("order-1");
        var stock = await Inventory.StockAsync("SKU-A");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Inventory.Published<InventoryReleased>(), Is.Empty);
            Assert.That(Inventory.Published<InventoryReserved>(), Is.Empty);
            Assert.That(reservation!.Status, Is.EqualTo(ReservationStatus.Cancelled));
            Assert.That(reservation.Lines, Is.Empty);

            // Nothing was taken that nobody would give back.
            Assert.That((stock.Available, stock.Reserved), Is.EqualTo((10, 0)));
        }
    }
}
