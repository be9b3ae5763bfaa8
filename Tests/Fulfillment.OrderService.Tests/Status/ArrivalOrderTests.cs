using Fulfillment.Messages;
using Fulfillment.OrderService.Persistence;
using Fulfillment.OrderService.Tests.Support;
using NUnit.Framework;
using static Fulfillment.OrderService.Tests.Support.Lifecycle;

namespace Fulfillment.OrderService.Tests.Status;

/// <summary>
/// The never-regress property: every arrival order of a history the contract allows, with duplicates, ends in the
/// same status with the same step times, and a delivered order's history gives exactly one order.confirmed. Each
/// arrival order runs on an order of its own, one event per transaction.
/// </summary>
[TestFixture]
public sealed class ArrivalOrderTests : OrderHarnessTest
{
    [Test]
    public async Task Every_arrival_order_of_a_deliveredOrders_events_ends_DELIVERED_with_one_order_confirmed()
    {
        // The four steps in all 24 orders, each with one of them once more (the same eventId, as a redelivery past a
        // lost inbox row, or re-sent later under a new one), at a position that moves from run to run.
        var runs = Permutations(4).Select((order, run) => (Order: order, Duplicate: run % 4, At: run % 5, Resend: run % 2 == 0)).ToList();
        var outcomes = new List<(Order Order, int Confirmations, string Arrival)>();
        foreach (var run in runs)
        {
            var id = await Orders.PlaceAsync();
            var steps = HappyPath(id);
            var arrival = run.Order.Select(i => steps[i]).ToList();
            arrival.Insert(run.At, run.Resend ? Resent(steps[run.Duplicate]) : steps[run.Duplicate]);

            await Orders.ConsumeAllAsync(arrival);

            outcomes.Add((await Orders.OrderAsync(id), Orders.ConfirmationsOf(id).Count, string.Join(" ", arrival.Select(e => e.EventType))));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes, Has.Count.EqualTo(24));
            foreach (var (order, confirmations, arrival) in outcomes)
            {
                Assert.That(Facts(order), Is.EqualTo((OrderStatuses.Delivered, At(1), At(2), At(2), At(3), At(4))), arrival);
                Assert.That(confirmations, Is.EqualTo(1), arrival);
            }
        }
    }

    [Test]
    public async Task Every_arrival_order_of_a_declinedOrders_events_ends_PAYMENT_FAILED_without_order_confirmed()
    {
        var outcomes = new List<(Order Order, int Confirmations, string Arrival)>();
        foreach (var permutation in Permutations(3))
        {
            var id = await Orders.PlaceAsync();
            var reserved = Reserved(id, minute: 1);
            IEventEnvelope[] steps = [reserved, Declined(id, minute: 2), Resent(reserved)];
            var arrival = permutation.Select(i => steps[i]).ToList();

            await Orders.ConsumeAllAsync(arrival);

            outcomes.Add((await Orders.OrderAsync(id), Orders.ConfirmationsOf(id).Count, string.Join(" ", arrival.Select(e => e.EventType))));
        }

        using (Assert.EnterMultipleScope())
        {
            foreach (var (order, confirmations, arrival) in outcomes)
            {
                Assert.That((order.Status, order.StockReservedAt, order.PaymentFailedAt, order.ConfirmedAt), Is.EqualTo((OrderStatuses.PaymentFailed, (DateTimeOffset?)At(1), (DateTimeOffset?)At(2), (DateTimeOffset?)null)), arrival);
                Assert.That(confirmations, Is.Zero, arrival);
            }
        }
    }

    [Test]
    public async Task Two_events_of_one_order_handled_at_the_same_time_take_turns_on_its_row()
    {
        // No preparer here: only the consumer's own row lock keeps the two transactions of an order apart. Without it
        // both would read PENDING with one step each, and neither would confirm the order.
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await Orders.PlaceAsync());
        }

        await Task.WhenAll(ids.SelectMany(id => new[] { Orders.ConsumeAsync(Reserved(id)), Orders.ConsumeAsync(Authorized(id)) }));

        var orders = await Task.WhenAll(ids.Select(Orders.OrderAsync));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(orders.Where(o => o.Status != OrderStatuses.Confirmed).Select(o => o.OrderId), Is.Empty, "orders left unconfirmed");
            Assert.That(ids.Where(id => Orders.ConfirmationsOf(id).Count != 1), Is.Empty, "orders without exactly one order.confirmed");
        }
    }

    private static (string Status, DateTimeOffset? Reserved, DateTimeOffset? Authorized, DateTimeOffset? Confirmed, DateTimeOffset? OutForDelivery, DateTimeOffset? Delivered) Facts(Order order) =>
        (order.Status, order.StockReservedAt, order.PaymentAuthorizedAt, order.ConfirmedAt, order.OutForDeliveryAt, order.DeliveredAt);

    private static IEnumerable<int[]> Permutations(int n)
    {
        if (n == 0)
        {
            yield return [];
            yield break;
        }

        foreach (var rest in Permutations(n - 1))
        {
            for (var position = 0; position <= rest.Length; position++)
            {
                yield return [.. rest[..position], n - 1, .. rest[position..]];
            }
        }
    }
}
