using Fulfillment.InventoryService.Persistence;
using Fulfillment.Messages;
using Microsoft.EntityFrameworkCore;
using static Fulfillment.InventoryService.Tests.Support.Envelopes;

namespace Fulfillment.InventoryService.Tests.Reservations;

/// <summary>
/// Cancellations in the same unit of work as what they cancel, as the consumer host batches a lane's records:
/// order.cancelled shares order.created's partition, so the two often arrive together, and a verdict from another
/// topic can land in the same batch too.
/// </summary>
[TestFixture]
public sealed class SameBatchTests
{
    private MediatorInventory _inventory = null!;

    [SetUp]
    public async Task StartAsync() =>
        _inventory = await MediatorInventory.StartAsync(new Dictionary<string, int> { ["SKU-A"] = 10, ["SKU-B"] = 5 });

    [TearDown]
    public async Task StopAsync() => await _inventory.DisposeAsync();

    [TestCase(EventTypes.OrderCancelled, "order cancelled")]
    [TestCase(EventTypes.DeliveryCancelled, "order cancelled")]
    [TestCase(EventTypes.DeliveryFailed, "delivery failed")]
    public async Task Order_cancelled_later_in_the_same_batch_is_never_reserved(string cancellation, string reason)
    {
        IEventEnvelope cancel = cancellation switch
        {
            EventTypes.OrderCancelled => OrderCancelled("order-1"),
            EventTypes.DeliveryCancelled => DeliveryCancelled("order-1"),
            _ => DeliveryFailed("order-1"),
        };

        await _inventory.HandleBatchAsync([OrderCreated("order-1", Line("SKU-A", 3)), OrderCreated("order-2", Line("SKU-A", 1)), cancel]);

        var reservation = await ReservationAsync("order-1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_inventory.Outcomes.Reserved.Select(r => r.Lines.Single().Quantity), Is.EqualTo(new[] { 1 }), "only order-2 reserved");
            Assert.That(_inventory.Outcomes.Released, Is.Empty);
            Assert.That((reservation.Status, reservation.Reason), Is.EqualTo((ReservationStatus.Cancelled, reason)));
            Assert.That(await AvailableAsync("SKU-A"), Is.EqualTo(9));
        }
    }

    [Test]
    public async Task Release_in_a_batch_of_reservations_locks_its_stock_in_sku_order_with_theirs()
    {
        await _inventory.HandleBatchAsync([OrderCreated("order-held", Line("SKU-A", 3))]);

        // SKU-A, held by the released reservation, sorts before the SKU-B ordered in the same batch: had the preparer
        // not locked it with the others, the release would lock it after SKU-B, against the canonical order.
        var outOfOrder = await _inventory.HandleBatchAsync([OrderCreated("order-new", Line("SKU-B", 2)), DeliveryFailed("order-held")]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outOfOrder, Is.Zero);
            Assert.That(_inventory.Outcomes.Released.Single().Lines, Is.EqualTo(new[] { new StockLine("SKU-A", 3) }));
            Assert.That((await ReservationAsync("order-held")).Status, Is.EqualTo(ReservationStatus.Released));
            Assert.That((await ReservationAsync("order-new")).Status, Is.EqualTo(ReservationStatus.Reserved));
            Assert.That((await AvailableAsync("SKU-A"), await AvailableAsync("SKU-B")), Is.EqualTo((10, 3)));
        }
    }

    private Task<Reservation> ReservationAsync(string orderId) =>
        _inventory.QueryAsync(db => db.Reservations.AsNoTracking().SingleAsync(r => r.OrderId == orderId));

    private Task<int> AvailableAsync(string sku) =>
        _inventory.QueryAsync(db => db.Stock.AsNoTracking().Where(s => s.Sku == sku).Select(s => s.Available).SingleAsync());
}
