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
        var outcomes = await EveryArrivalOrderAsync(HappyPath);

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

    /// <summary>
    /// Decision 0019's histories, each in all its arrival orders (120 for five events) with a duplicate: the verdict wins whatever came
    /// before or after it, every time is recorded, and order.confirmed goes out once if, and only if, the reservation
    /// and the authorization both arrived before the verdict (never for an order already cancelled or failed).
    /// </summary>
    [TestCase(nameof(CancelledAfterPayment), OrderStatuses.Cancelled)]
    [TestCase(nameof(CancelledBeforePayment), OrderStatuses.Cancelled)]
    [TestCase(nameof(FailedDelivery), OrderStatuses.DeliveryFailed)]
    public async Task Every_arrival_order_of_a_compensated_orders_events_ends_in_its_verdict(string historyName, string status)
    {
        Func<Guid, IReadOnlyList<IEventEnvelope>> history = historyName switch
        {
            nameof(CancelledAfterPayment) => CancelledAfterPayment,
            nameof(CancelledBeforePayment) => CancelledBeforePayment,
            _ => FailedDelivery,
        };
        var outcomes = await EveryArrivalOrderAsync(history);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(outcomes, Has.Count.EqualTo(historyName == nameof(CancelledBeforePayment) ? 24 : 120), "4! or 5! arrival orders");
            foreach (var (order, confirmations, arrival) in outcomes)
            {
                Assert.That(Compensation(order), Is.EqualTo(Compensation(Expected(history(order.OrderId)), status)), arrival);
                Assert.That(confirmations, Is.EqualTo(ConfirmedBeforeVerdict(arrival) ? 1 : 0), arrival);
            }

            // Both kinds of run occur, so the rule on order.confirmed is tested both ways (not for the unpaid one).
            if (historyName != nameof(CancelledBeforePayment))
            {
                Assert.That(outcomes.Select(o => o.Confirmations).Distinct().Order(), Is.EqualTo(new[] { 0, 1 }));
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

    /// <summary>
    /// Every arrival order of <paramref name="history"/>, each on an order of its own, with one of its events once more
    /// (the same eventId, or re-sent later under a new one) at a position that moves from run to run.
    /// </summary>
    private async Task<List<(Order Order, int Confirmations, string Arrival)>> EveryArrivalOrderAsync(Func<Guid, IReadOnlyList<IEventEnvelope>> history)
    {
        var length = history(Guid.Empty).Count;
        var runs = Permutations(length).Select((order, run) => (Order: order, Duplicate: run % length, At: run % (length + 1), Resend: run % 2 == 0)).ToList();
        var outcomes = new List<(Order Order, int Confirmations, string Arrival)>();
        // Runs are independent orders: a few at a time, each run's events one after the other.
        foreach (var chunk in runs.Chunk(8))
        {
            outcomes.AddRange(await Task.WhenAll(chunk.Select(async run =>
            {
                var id = await Orders.PlaceAsync();
                var steps = history(id);
                var arrival = run.Order.Select(i => steps[i]).ToList();
                arrival.Insert(run.At, run.Resend ? Resent(steps[run.Duplicate]) : steps[run.Duplicate]);

                await Orders.ConsumeAllAsync(arrival);

                return (await Orders.OrderAsync(id), Orders.ConfirmationsOf(id).Count, string.Join(" ", arrival.Select(e => e.EventType)));
            })));
        }

        return outcomes;
    }

    /// <summary>The facts a history's events report, each once (the status is the test case's).</summary>
    private static Order Expected(IReadOnlyList<IEventEnvelope> history)
    {
        var order = new Order { CustomerId = "c", Status = OrderStatuses.Pending, Currency = "EUR", CorrelationId = "c" };
        foreach (var envelope in history)
        {
            Record(order, envelope);
        }

        return order;
    }

    /// <summary>The times and identifiers the history's own list of events reports (independent of the code under test).</summary>
    private static void Record(Order order, IEventEnvelope envelope)
    {
        var at = envelope.OccurredAt;
        switch (envelope)
        {
            case EventEnvelope<InventoryReserved>:
                order.StockReservedAt = at;
                break;
            case EventEnvelope<PaymentAuthorized>:
                order.PaymentAuthorizedAt = at;
                break;
            case EventEnvelope<PaymentFailed>:
                order.PaymentFailedAt = at;
                break;
            case EventEnvelope<DeliveryCancelled>:
                order.CancelledAt = at;
                break;
            case EventEnvelope<DeliveryFailed> failed:
                (order.DeliveryFailedAt, order.DeliveryFailureCode) = (at, failed.Payload.Code);
                break;
            case EventEnvelope<PaymentRefunded> refunded:
                (order.RefundedAt, order.RefundId) = (at, refunded.Payload.RefundId);
                break;
            case EventEnvelope<InventoryReleased>:
                order.StockReleasedAt = at;
                break;
            default:
                throw new ArgumentException($"Not in a compensated history: {envelope.EventType}", nameof(envelope));
        }

        order.ConfirmedAt = order is { StockReservedAt: { } r, PaymentAuthorizedAt: { } a } ? (r > a ? r : a) : null;
    }

    /// <summary>Whether inventory.reserved and payment.authorized both came before the first verdict.</summary>
    private static bool ConfirmedBeforeVerdict(string arrival)
    {
        var types = arrival.Split(' ').ToList();
        var verdict = types.FindIndex(t => t is EventTypes.DeliveryCancelled or EventTypes.DeliveryFailed);
        var reserved = types.IndexOf(EventTypes.InventoryReserved);
        var authorized = types.IndexOf(EventTypes.PaymentAuthorized);
        return reserved >= 0 && authorized >= 0 && Math.Max(reserved, authorized) < verdict;
    }

    private static (string Status, DateTimeOffset? Reserved, DateTimeOffset? Authorized, DateTimeOffset? Confirmed, DateTimeOffset? PaymentFailed, DateTimeOffset? Cancelled, DateTimeOffset? DeliveryFailed, string? FailureCode, DateTimeOffset? Refunded, string? RefundId, DateTimeOffset? Released) Compensation(Order order, string? status = null) =>
        (status ?? order.Status, order.StockReservedAt, order.PaymentAuthorizedAt, order.ConfirmedAt, order.PaymentFailedAt, order.CancelledAt, order.DeliveryFailedAt, order.DeliveryFailureCode, order.RefundedAt, order.RefundId, order.StockReleasedAt);

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
