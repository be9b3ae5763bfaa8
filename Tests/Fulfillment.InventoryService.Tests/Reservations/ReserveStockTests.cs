using Fulfillment.InventoryService.Persistence;
using Fulfillment.Messages;
using static Fulfillment.InventoryService.Tests.Support.Envelopes;

namespace Fulfillment.InventoryService.Tests.Reservations;

[TestFixture]
public sealed class ReserveStockTests() : InventoryHarnessTest(new Dictionary<string, int> { ["SKU-A"] = 100, ["SKU-B"] = 50, ["SKU-LOW"] = 3 })
{
    [Test]
    public async Task Order_in_stock_is_reserved_with_every_line_held()
    {
        var order = OrderCreated("order-1", Line("SKU-B", 1, 10m), Line("SKU-A", 2, 5m));

        await Inventory.ConsumeSuccessfullyAsync(order);

        var reserved = Inventory.Published<InventoryReserved>();
        Assert.That(reserved, Has.Count.EqualTo(1));
        Assert.That(Inventory.Published<InventoryRejected>(), Is.Empty);
        var reservation = await Inventory.ReservationAsync("order-1");
        Assert.That(reservation, Is.Not.Null);
        var stockA = await Inventory.StockAsync("SKU-A");
        var stockB = await Inventory.StockAsync("SKU-B");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reserved[0].ReservationId, Is.EqualTo(reservation!.ReservationId.ToString()));
            Assert.That(reserved[0].Warehouse, Is.EqualTo(InventoryHarness.Warehouse));
            Assert.That(reserved[0].Lines, Is.EqualTo(new[] { new StockLine("SKU-A", 2), new StockLine("SKU-B", 1) }));
            Assert.That(reserved[0].CustomerId, Is.EqualTo("cust-7"));
            Assert.That(reserved[0].Amount, Is.EqualTo(20m));
            Assert.That(reserved[0].Currency, Is.EqualTo("EUR"));
            Assert.That(reserved[0].DeliveryAddress, Is.EqualTo(Address));

            Assert.That(reservation.Status, Is.EqualTo(ReservationStatus.Reserved));
            Assert.That(reservation.SourceEventId, Is.EqualTo(order.EventId));
            Assert.That(reservation.Lines.Select(l => (l.Sku, l.Quantity)), Is.EquivalentTo(new[] { ("SKU-A", 2), ("SKU-B", 1) }));
            Assert.That((stockA.Available, stockA.Reserved), Is.EqualTo((98, 2)));
            Assert.That((stockB.Available, stockB.Reserved), Is.EqualTo((49, 1)));
        }
    }

    [Test]
    public async Task Repeated_skus_are_summed_into_one_line()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 2), Line("SKU-B", 1), Line("SKU-A", 3)));

        var reserved = Inventory.Published<InventoryReserved>().Single();
        var reservation = await Inventory.ReservationAsync("order-1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(reserved.Lines, Is.EqualTo(new[] { new StockLine("SKU-A", 5), new StockLine("SKU-B", 1) }));
            Assert.That(reservation!.Lines.Single(l => l.Sku == "SKU-A").Quantity, Is.EqualTo(5));
            Assert.That((await Inventory.StockAsync("SKU-A")).Available, Is.EqualTo(95));
        }
    }

    [Test]
    public async Task Repeated_lines_that_together_exceed_the_stock_are_rejected()
    {
        // Each line alone fits in the 3 units; together they do not.
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-LOW", 2), Line("SKU-LOW", 2)));

        var rejected = Inventory.Published<InventoryRejected>().Single();
        Assert.That(rejected.Shortages, Is.EqualTo(new[] { new StockShortage("SKU-LOW", 4, 3) }));
        Assert.That((await Inventory.StockAsync("SKU-LOW")).Available, Is.EqualTo(3));
    }

    [Test]
    public async Task Order_short_of_one_sku_is_rejected_and_holds_nothing()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 1), Line("SKU-LOW", 5)));

        var rejected = Inventory.Published<InventoryRejected>();
        Assert.That(rejected, Has.Count.EqualTo(1));
        var reservation = await Inventory.ReservationAsync("order-1");
        var stockA = await Inventory.StockAsync("SKU-A");
        var stockLow = await Inventory.StockAsync("SKU-LOW");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Inventory.Published<InventoryReserved>(), Is.Empty);
            Assert.That(rejected[0].Shortages, Is.EqualTo(new[] { new StockShortage("SKU-LOW", 5, 3) }));
            Assert.That(rejected[0].Reason, Does.Contain("SKU-LOW"));
            Assert.That(reservation!.Status, Is.EqualTo(ReservationStatus.Rejected));
            Assert.That(reservation.Lines, Is.Empty);
            Assert.That(reservation.Reason, Is.EqualTo(rejected[0].Reason));

            // All or nothing: the line that would have fitted was not taken either.
            Assert.That((stockA.Available, stockA.Reserved), Is.EqualTo((100, 0)));
            Assert.That((stockLow.Available, stockLow.Reserved), Is.EqualTo((3, 0)));
        }
    }

    [Test]
    public async Task Unknown_sku_is_rejected_with_nothing_available()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-A", 1), Line("SKU-NOPE", 2)));

        var rejected = Inventory.Published<InventoryRejected>().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.Shortages, Is.EqualTo(new[] { new StockShortage("SKU-NOPE", 2, 0) }));
            Assert.That((await Inventory.ReservationAsync("order-1"))!.Status, Is.EqualTo(ReservationStatus.Rejected));
            Assert.That((await Inventory.StockAsync("SKU-A")).Available, Is.EqualTo(100));
        }
    }

    [Test]
    public async Task Every_short_sku_is_reported()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-LOW", 4), Line("SKU-B", 51), Line("SKU-X", 1)));

        var rejected = Inventory.Published<InventoryRejected>().Single();
        Assert.That(
            rejected.Shortages,
            Is.EqualTo(new[] { new StockShortage("SKU-B", 51, 50), new StockShortage("SKU-LOW", 4, 3), new StockShortage("SKU-X", 1, 0) }));
    }

    [Test]
    public async Task Order_without_lines_is_rejected()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1"));

        var rejected = Inventory.Published<InventoryRejected>().Single();
        Assert.That(rejected.Reason, Does.StartWith("invalid order"));
    }

    [Test]
    public async Task Exactly_the_last_units_can_be_reserved()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-LOW", 3)));
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-2", Line("SKU-LOW", 1)));

        var stock = await Inventory.StockAsync("SKU-LOW");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Inventory.Published<InventoryReserved>(), Has.Count.EqualTo(1));
            Assert.That(Inventory.Published<InventoryRejected>().Single().Shortages, Is.EqualTo(new[] { new StockShortage("SKU-LOW", 1, 0) }));
            Assert.That((stock.Available, stock.Reserved), Is.EqualTo((0, 3)));
        }
    }

    [Test]
    public async Task Second_order_created_for_the_same_order_reserves_nothing_more()
    {
        var first = OrderCreated("order-1", Line("SKU-A", 4));
        var second = OrderCreated("order-1", Line("SKU-A", 4));
        Assert.That(second.EventId, Is.Not.EqualTo(first.EventId));

        await Inventory.ConsumeSuccessfullyAsync(first);
        await Inventory.ConsumeSuccessfullyAsync(second);

        var reservations = await Inventory.QueryAsync(db => Task.FromResult(db.Reservations.Count(r => r.OrderId == "order-1")));
        var stock = await Inventory.StockAsync("SKU-A");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Inventory.Published<InventoryReserved>(), Has.Count.EqualTo(1));
            Assert.That(Inventory.Published<InventoryRejected>(), Is.Empty);
            Assert.That(reservations, Is.EqualTo(1));
            Assert.That((stock.Available, stock.Reserved), Is.EqualTo((96, 4)));
        }
    }

    [Test]
    public async Task Second_order_created_after_a_rejection_does_not_reserve_either()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-LOW", 4)));
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated("order-1", Line("SKU-LOW", 1)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Inventory.Published<InventoryRejected>(), Has.Count.EqualTo(1));
            Assert.That(Inventory.Published<InventoryReserved>(), Is.Empty);
            Assert.That((await Inventory.StockAsync("SKU-LOW")).Available, Is.EqualTo(3));
        }
    }
}
