using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Tests.Support;
using Fulfillment.Messages;
using NUnit.Framework;
using static Fulfillment.InventoryService.Tests.Support.Envelopes;

namespace Fulfillment.InventoryService.Tests.Reservations;

[TestFixture]
public sealed class ReleaseStockTests
{
    private InventoryHarness _inventory = null!;

    [SetUp]
    public async Task StartAsync() =>
        _inventory = await InventoryHarness.StartAsync(new Dictionary<string, int> { ["SKU-A"] = 10, ["SKU-B"] = 5 });

    [TearDown]
    public async Task StopAsync() => await _inventory.DisposeAsync();

    [Test]
    public async Task Failed_payment_gives_the_stock_back_and_announces_it()
    {
        await _inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 3), Line("SKU-B", 2), Line("SKU-A", 1)));
        var reserved = _inventory.Published<InventoryReserved>().Single();

        await _inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1", "declined: customer 'blocked-1' is blocked"));

        var released = _inventory.Published<InventoryReleased>();
        Assert.That(released, Has.Count.EqualTo(1));
        var reservation = await _inventory.ReservationAsync("order-1");
        var stockA = await _inventory.StockAsync("SKU-A");
        var stockB = await _inventory.StockAsync("SKU-B");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(released[0].ReservationId, Is.EqualTo(reserved.ReservationId));
            Assert.That(released[0].Lines, Is.EqualTo(new[] { new StockLine("SKU-A", 4), new StockLine("SKU-B", 2) }));
            Assert.That(released[0].Reason, Is.EqualTo("payment failed: declined: customer 'blocked-1' is blocked"));

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
        await _inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-B", 5)));
        await _inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));
        await _inventory.ConsumeSuccessfullyAsync(OrderCreated("order-2", Line("SKU-B", 5)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_inventory.Published<InventoryReserved>(), Has.Count.EqualTo(2));
            Assert.That((await _inventory.StockAsync("SKU-B")).Available, Is.Zero);
        }
    }

    [Test]
    public async Task Second_payment_failure_releases_nothing_more()
    {
        await _inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 3)));

        await _inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));
        await _inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));

        var stock = await _inventory.StockAsync("SKU-A");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_inventory.Published<InventoryReleased>(), Has.Count.EqualTo(1));
            Assert.That((stock.Available, stock.Reserved), Is.EqualTo((10, 0)));
            Assert.That((await _inventory.ReservationAsync("order-1"))!.Status, Is.EqualTo(ReservationStatus.Released));
        }
    }

    [Test]
    public async Task Payment_failure_for_a_rejected_order_changes_nothing()
    {
        await _inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 11)));

        await _inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_inventory.Published<InventoryReleased>(), Is.Empty);
            Assert.That((await _inventory.ReservationAsync("order-1"))!.Status, Is.EqualTo(ReservationStatus.Rejected));
            Assert.That((await _inventory.StockAsync("SKU-A")).Available, Is.EqualTo(10));
        }
    }

    [Test]
    public async Task Payment_failure_seen_before_the_order_cancels_it_without_an_event()
    {
        await _inventory.ConsumeSuccessfullyAsync(PaymentFailed("order-1"));
        await _inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 2)));

        var reservation = await _inventory.ReservationAsync("order-1");
        var stock = await _inventory.StockAsync("SKU-A");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_inventory.Published<InventoryReleased>(), Is.Empty);
            Assert.That(_inventory.Published<InventoryReserved>(), Is.Empty);
            Assert.That(reservation!.Status, Is.EqualTo(ReservationStatus.Cancelled));
            Assert.That(reservation.Lines, Is.Empty);

            // Nothing was taken that nobody would give back.
            Assert.That((stock.Available, stock.Reserved), Is.EqualTo((10, 0)));
        }
    }
}
