using Fulfillment.InventoryService.Persistence;
using Fulfillment.Messages;
using Fulfillment.Testing;
using static Fulfillment.InventoryService.Tests.Support.Envelopes;

namespace Fulfillment.InventoryService.Tests.Reservations;

/// <summary>
/// Decision 0019's rows for inventory-service: one order's creation, cancellation request and verdict (delivery
/// cancelled, delivery failed, payment failed) in every order they can arrive in, each re-sent under a new eventId,
/// always end in one outcome: reserved then given back once, or never reserved.
/// </summary>
[TestFixture]
public sealed class CompensationTests() : InventoryHarnessTest(new Dictionary<string, int> { ["SKU-A"] = 10, ["SKU-B"] = 5 })
{
    private const string OrderId = "order-1";

    public static IEnumerable<TestCaseData> Arrivals() =>
        ArrivalOrders.Cases([EventTypes.OrderCreated, EventTypes.OrderCancelled], EventTypes.DeliveryCancelled, EventTypes.DeliveryFailed, EventTypes.PaymentFailed);

    [TestCaseSource(nameof(Arrivals))]
    public async Task Any_arrival_order_with_repeats_gives_one_outcome(IReadOnlyList<string> arrival)
    {
        // Each event twice in a row, then the whole sequence again: every copy is a new event (a new eventId).
        foreach (var eventType in arrival.SelectMany(type => new[] { type, type }).Concat(arrival))
        {
            await Inventory.ConsumeSuccessfullyAsync(Event(eventType));
        }

        var reservation = (await Inventory.ReservationAsync(OrderId))!;
        var stockA = await Inventory.StockAsync("SKU-A");
        var stockB = await Inventory.StockAsync("SKU-B");
        var reserved = Inventory.Published<InventoryReserved>();
        var released = Inventory.Published<InventoryReleased>();
        using (Assert.EnterMultipleScope())
        {
            // Whatever happened, every unit is back: the order ends released or was never reserved.
            Assert.That((stockA.Available, stockA.Reserved, stockB.Available, stockB.Reserved), Is.EqualTo((10, 0, 5, 0)));
            Assert.That(Inventory.Published<InventoryRejected>(), Is.Empty);
        }

        if (arrival[0] == EventTypes.OrderCreated)
        {
            var reason = arrival.Contains(EventTypes.DeliveryFailed) ? "delivery failed"
                : arrival.Contains(EventTypes.PaymentFailed) ? "payment failed"
                : "order cancelled";
            using (Assert.EnterMultipleScope())
            {
                Assert.That(reserved, Has.Count.EqualTo(1));
                Assert.That(released, Has.Count.EqualTo(1));
                Assert.That(released.Single(), Is.EqualTo(new InventoryReleased(reserved.Single().ReservationId, reserved.Single().Lines, reason)).Using<InventoryReleased>(SameRelease));
                Assert.That((reservation.Status, reservation.Reason), Is.EqualTo((ReservationStatus.Released, reason)));
            }
        }
        else
        {
            var reason = arrival[0] switch
            {
                EventTypes.DeliveryFailed => "delivery failed",
                EventTypes.PaymentFailed => "payment failed",
                _ => "order cancelled",
            };
            using (Assert.EnterMultipleScope())
            {
                Assert.That(reserved, Is.Empty);
                Assert.That(released, Is.Empty);
                Assert.That((reservation.Status, reservation.Reason, reservation.Lines.Count), Is.EqualTo((ReservationStatus.Cancelled, reason, 0)));
            }
        }
    }

    [Test]
    public async Task Cancellation_request_after_the_reservation_waits_for_the_verdict()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated(OrderId, Line("SKU-A", 3)));
        await Inventory.ConsumeSuccessfullyAsync(OrderCancelled(OrderId));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((await Inventory.ReservationAsync(OrderId))!.Status, Is.EqualTo(ReservationStatus.Reserved));
            Assert.That((await Inventory.StockAsync("SKU-A")).Available, Is.EqualTo(7));
            Assert.That(Inventory.Published<InventoryReleased>(), Is.Empty);
        }
    }

    [Test]
    public async Task Decline_of_a_cancelled_order_is_released_as_cancelled()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated(OrderId, Line("SKU-A", 3)));
        await Inventory.ConsumeSuccessfullyAsync(PaymentFailed(OrderId, "order cancelled"));

        Assert.That(Inventory.Published<InventoryReleased>().Single().Reason, Is.EqualTo("order cancelled"));
    }

    [Test]
    public async Task Verdict_for_a_rejected_order_gives_nothing_back()
    {
        await Inventory.ConsumeSuccessfullyAsync(OrderCreated(OrderId, Line("SKU-B", 6)));
        await Inventory.ConsumeSuccessfullyAsync(DeliveryCancelled(OrderId));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Inventory.Published<InventoryReleased>(), Is.Empty);
            Assert.That((await Inventory.ReservationAsync(OrderId))!.Status, Is.EqualTo(ReservationStatus.Rejected));
            Assert.That((await Inventory.StockAsync("SKU-B")).Available, Is.EqualTo(5));
        }
    }

    private static bool SameRelease(InventoryReleased a, InventoryReleased b) =>
        a.ReservationId == b.ReservationId && a.Reason == b.Reason && a.Lines.SequenceEqual(b.Lines);

    private static IEventEnvelope Event(string eventType) => eventType switch
    {
        EventTypes.OrderCreated => OrderCreated(OrderId, Line("SKU-A", 3), Line("SKU-B", 2)),
        EventTypes.OrderCancelled => OrderCancelled(OrderId),
        EventTypes.DeliveryCancelled => DeliveryCancelled(OrderId),
        EventTypes.DeliveryFailed => DeliveryFailed(OrderId),
        EventTypes.PaymentFailed => PaymentFailed(OrderId),
        _ => throw new ArgumentOutOfRangeException(nameof(eventType), eventType, null),
    };
}
