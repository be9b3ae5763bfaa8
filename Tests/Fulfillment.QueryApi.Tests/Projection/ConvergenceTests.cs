using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.QueryApi.Persistence;

namespace Fulfillment.QueryApi.Tests.Projection;

/// <summary>Arrival order does not matter, statuses never go back, the ETA only moves forward, duplicates add nothing.</summary>
public sealed class ConvergenceTests : ProjectionTest
{
    /// <summary>Permutations of the happy path: in order, reversed, and shuffles with fixed seeds.</summary>
    public static IEnumerable<TestCaseData> HappyPathOrders()
    {
        yield return new TestCaseData(new[] { 0, 1, 2, 3, 4, 5, 6 }).SetName("Happy path in order");
        yield return new TestCaseData(new[] { 6, 5, 4, 3, 2, 1, 0 }).SetName("Happy path reversed");
        yield return new TestCaseData(new[] { 2, 0, 6, 1, 5, 3, 4 }).SetName("Happy path, payment first, delivered early");
        yield return new TestCaseData(new[] { 5, 4, 3, 0, 2, 6, 1 }).SetName("Happy path, ETAs before the assignment");
        foreach (var seed in new[] { 7, 42, 1234 })
        {
            var shuffled = Enumerable.Range(0, 7).ToArray();
            new Random(seed).Shuffle(shuffled);
            yield return new TestCaseData(shuffled).SetName($"Happy path shuffled (seed {seed})");
        }
    }

    [TestCaseSource(nameof(HappyPathOrders))]
    public async Task Any_arrival_order_of_the_happy_path_converges_to_the_in_order_result(int[] arrival)
    {
        var expected = await ProjectHappyPathAsync([0, 1, 2, 3, 4, 5, 6]);
        var actual = await ProjectHappyPathAsync(arrival);

        Assert.That(actual.Snapshot, Is.EqualTo(expected.Snapshot));
        Assert.Multiple(() =>
        {
            Assert.That(actual.Order.Status, Is.EqualTo("DELIVERED"));
            Assert.That(actual.Order.Items, Is.Not.Null);
            Assert.That(actual.Order.PaymentAuthCode, Is.EqualTo("AUTH-42"));
            Assert.That(actual.Order.EtaSequence, Is.EqualTo(2));
            Assert.That(actual.Order.Eta, Is.EqualTo(Events.T0.AddMinutes(24)));
        });
    }

    public static IEnumerable<TestCaseData> PaymentFailureOrders()
    {
        yield return new TestCaseData(new[] { 0, 1, 2, 3 }).SetName("Payment failure in order");
        yield return new TestCaseData(new[] { 3, 2, 1, 0 }).SetName("Payment failure reversed");
        yield return new TestCaseData(new[] { 2, 0, 3, 1 }).SetName("Payment failure, failure first");
        yield return new TestCaseData(new[] { 1, 3, 0, 2 }).SetName("Payment failure, release before the failure");
    }

    [TestCaseSource(nameof(PaymentFailureOrders))]
    public async Task Any_arrival_order_of_a_payment_failure_converges(int[] arrival)
    {
        var events = Events.ForNewOrder();
        IEventEnvelope[] path = [events.Created(0), events.Reserved(1), events.Failed(2), events.Released(3)];

        await Harness.DeliverAllAsync(arrival.Select(i => path[i]));

        var order = (await Harness.OrderAsync(events.OrderId))!;
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("PAYMENT_FAILED"));
            Assert.That(order.PaymentFailureReason, Is.EqualTo("card declined"));
            Assert.That(order.ReservationId, Is.EqualTo("res-1"));
            Assert.That(order.InventoryReleaseReason, Is.EqualTo("payment failed"));
            Assert.That(order.InventoryReleasedAt, Is.EqualTo(path[3].OccurredAt));
            Assert.That(order.CreatedAt, Is.EqualTo(path[0].OccurredAt));
            Assert.That(order.Items, Is.Not.Null);
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Any_arrival_order_of_a_cancellation_after_payment_converges_to_CANCELLED_with_what_was_undone(int seed)
    {
        var expected = await ProjectCancellationAsync(seed: null);
        var actual = await ProjectCancellationAsync(seed);

        Assert.That(actual.Snapshot, Is.EqualTo(expected.Snapshot));
        Assert.Multiple(() =>
        {
            Assert.That(actual.Order.Status, Is.EqualTo("CANCELLED"));
            Assert.That(actual.Order.CancelReason, Is.EqualTo("changed my mind"));
            Assert.That(actual.Order.CancelRequestedAt, Is.EqualTo(Events.T0.AddMinutes(4)));
            Assert.That(actual.Order.CancelledAt, Is.EqualTo(Events.T0.AddMinutes(5)));
            Assert.That(actual.Order.RefundId, Is.EqualTo("ref-1"));
            Assert.That(actual.Order.PaymentRefundedAt, Is.EqualTo(Events.T0.AddMinutes(6)));
            Assert.That(actual.Order.InventoryReleaseReason, Is.EqualTo("order cancelled"));
            Assert.That(actual.Order.CreditNoteNumber, Is.EqualTo("CN-2026-000003"));
            Assert.That(actual.Order.InvoiceCreditedAt, Is.EqualTo(Events.T0.AddMinutes(7)));
        });
    }

    [Test]
    public async Task A_cancel_racing_a_rejection_ends_CANCELLED_whichever_arrives_first()
    {
        var first = Events.ForNewOrder();
        await Harness.DeliverAllAsync([first.Created(0), first.Rejected(1), first.CancelRequested(2), first.DeliveryCancelled(3)]);
        var second = Events.ForNewOrder();
        await Harness.DeliverAllAsync([second.DeliveryCancelled(3), second.CancelRequested(2), second.Created(0), second.Rejected(1)]);

        Assert.That((await Harness.OrderAsync(first.OrderId))!.Status, Is.EqualTo("CANCELLED"));
        Assert.That((await Harness.OrderAsync(second.OrderId))!.Status, Is.EqualTo("CANCELLED"));
    }

    [Test]
    public async Task A_failed_delivery_ends_DELIVERY_FAILED_with_its_code_and_the_refund()
    {
        var events = Events.ForNewOrder();
        await Harness.DeliverAllAsync(
            [events.Refunded(14, "delivery failed"), events.DeliveryFailed(), events.Authorized(), events.Created(), events.Reserved()]);

        var order = (await Harness.OrderAsync(events.OrderId))!;
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("DELIVERY_FAILED"));
            Assert.That(order.DeliveryFailureCode, Is.EqualTo(DeliveryFailureCodes.OutsideServiceArea));
            Assert.That(order.DeliveryFailureReason, Is.EqualTo("outside the service area"));
            Assert.That(order.PaymentRefundedAt, Is.EqualTo(Events.T0.AddMinutes(14)));
            Assert.That(order.PaymentAuthCode, Is.EqualTo("AUTH-42"));
        });
    }

    [Test]
    public async Task Payment_authorized_before_order_created_creates_the_row_and_order_created_fills_it_in_without_lowering_the_status()
    {
        var events = Events.ForNewOrder();
        var authorized = events.Authorized();
        var created = events.Created();

        await Harness.DeliverAsync(authorized);
        var early = (await Harness.OrderAsync(events.OrderId))!;
        Assert.Multiple(() =>
        {
            Assert.That(early.Status, Is.EqualTo("PAYMENT_AUTHORIZED"));
            Assert.That(early.Total, Is.EqualTo(5.60m));
            Assert.That(early.Items, Is.Null);
            Assert.That(early.CustomerId, Is.Null);
        });

        await Harness.DeliverAsync(created);
        var order = (await Harness.OrderAsync(events.OrderId))!;
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("PAYMENT_AUTHORIZED"));
            Assert.That(order.Items, Is.Not.Null);
            Assert.That(order.CustomerId, Is.EqualTo("customer-7"));
            Assert.That(order.CreatedAt, Is.EqualTo(created.OccurredAt));
            Assert.That(order.FirstEventAt, Is.EqualTo(created.OccurredAt), "the earliest occurrence, whatever arrived first");
            Assert.That(order.LastEventAt, Is.EqualTo(authorized.OccurredAt));
        });
    }

    [Test]
    public async Task A_late_earlier_event_does_not_move_the_status_back()
    {
        var events = Events.ForNewOrder();

        await Harness.DeliverAllAsync([events.Assigned(), events.Authorized(), events.Reserved(), events.Created()]);

        var order = (await Harness.OrderAsync(events.OrderId))!;
        Assert.Multiple(() =>
        {
            Assert.That(order.Status, Is.EqualTo("DELIVERY_ASSIGNED"));
            Assert.That(order.ReservationId, Is.EqualTo("res-1"), "the late event still fills in its own facts");
            Assert.That(order.PaymentId, Is.EqualTo("pay-1"));
        });
    }

    [TestCase(true, TestName = "Failure after delivery stands")]
    [TestCase(false, TestName = "Delivery after failure does not hide the failure")]
    public async Task A_failure_outranks_every_progress_status(bool failureLast)
    {
        var events = Events.ForNewOrder();
        IEventEnvelope[] arrival = failureLast ? [events.Completed(), events.Failed()] : [events.Failed(), events.Completed()];

        await Harness.DeliverAllAsync(arrival);

        Assert.That((await Harness.OrderAsync(events.OrderId))!.Status, Is.EqualTo("PAYMENT_FAILED"));
    }

    [TestCase(true, TestName = "Rejection then payment failure")]
    [TestCase(false, TestName = "Payment failure then rejection")]
    public async Task Inventory_rejection_outranks_payment_failure(bool rejectionFirst)
    {
        var events = Events.ForNewOrder();
        IEventEnvelope[] arrival = rejectionFirst ? [events.Rejected(), events.Failed()] : [events.Failed(), events.Rejected()];

        await Harness.DeliverAllAsync(arrival);

        Assert.That((await Harness.OrderAsync(events.OrderId))!.Status, Is.EqualTo("INVENTORY_REJECTED"));
    }

    [Test]
    public async Task The_eta_only_moves_to_a_higher_sequence()
    {
        var events = Events.ForNewOrder();

        await Harness.DeliverAllAsync([events.Eta(3, arrivalMinutes: 22), events.Eta(2, arrivalMinutes: 26), events.Assigned()]);

        var order = (await Harness.OrderAsync(events.OrderId))!;
        Assert.Multiple(() =>
        {
            Assert.That(order.EtaSequence, Is.EqualTo(3));
            Assert.That(order.Eta, Is.EqualTo(Events.T0.AddMinutes(22)));
            Assert.That(order.RemainingKm, Is.EqualTo(1.2).Within(1e-9));
            Assert.That(order.DeliveryAssignedAt, Is.Not.Null, "the late assignment still records its milestone");
        });
    }

    [Test]
    public async Task Order_created_is_the_source_of_the_order_facts_whichever_arrives_first()
    {
        var before = Events.ForNewOrder();
        var after = Events.ForNewOrder();
        var conflicting = Reserve(before, amount: 9.99m);

        await Harness.DeliverAllAsync([conflicting, before.Created()]);
        await Harness.DeliverAllAsync([after.Created(), Reserve(after, amount: 9.99m)]);

        Assert.Multiple(async () =>
        {
            Assert.That((await Harness.OrderAsync(before.OrderId))!.Total, Is.EqualTo(5.60m));
            Assert.That((await Harness.OrderAsync(after.OrderId))!.Total, Is.EqualTo(5.60m));
        });
    }

    [Test]
    public async Task A_duplicate_event_adds_no_timeline_row_and_changes_nothing()
    {
        var events = Events.ForNewOrder();
        var created = events.Created();
        var eta = events.Eta(1, arrivalMinutes: 27);
        await Harness.DeliverAllAsync([created, eta]);
        var first = (await Harness.OrderAsync(events.OrderId))!;

        await Harness.DeliverAllAsync([eta, created, eta]);

        var again = (await Harness.OrderAsync(events.OrderId))!;
        var timeline = await Harness.TimelineAsync(events.OrderId);
        Assert.Multiple(() =>
        {
            Assert.That(timeline.Select(t => t.EventId), Is.EqualTo(new[] { created.EventId, eta.EventId }));
            Assert.That(again.UpdatedAt, Is.EqualTo(first.UpdatedAt), "a duplicate is not merged again");
            Assert.That(Snapshot(again), Is.EqualTo(Snapshot(first)));
        });
    }

    private static EventEnvelope<InventoryReserved> Reserve(Events events, decimal amount)
    {
        var reserved = events.Reserved();
        return reserved with { Payload = reserved.Payload with { Amount = amount } };
    }

    private async Task<(OrderRecord Order, string Snapshot)> ProjectHappyPathAsync(int[] arrival)
    {
        // The same facts under a fresh order id each time, so results can be compared field by field.
        var events = Events.ForNewOrder();
        IEventEnvelope[] path =
        [
            events.Created(0), events.Reserved(1), events.Authorized(2), events.Assigned(3),
            events.Eta(1, arrivalMinutes: 27, minutes: 4), events.Eta(2, arrivalMinutes: 24, minutes: 5), events.Completed(20),
        ];
        await Harness.DeliverAllAsync(arrival.Select(i => path[i]));
        var order = (await Harness.OrderAsync(events.OrderId))!;
        return (order, Snapshot(order));
    }

    private async Task<(OrderRecord Order, string Snapshot)> ProjectCancellationAsync(int? seed)
    {
        var events = Events.ForNewOrder();
        IEventEnvelope[] path =
        [
            events.Created(0), events.Reserved(1), events.Authorized(2), events.Confirmed(2), events.Invoiced(3),
            events.CancelRequested(4), events.DeliveryCancelled(5), events.Refunded(6), events.Released(6, "order cancelled"),
            events.Credited(7),
        ];
        if (seed is { } value)
        {
            new Random(value).Shuffle(path);
        }

        await Harness.DeliverAllAsync(path);
        var order = (await Harness.OrderAsync(events.OrderId))!;
        return (order, Snapshot(order));
    }

    /// <summary>Everything the projection decides, without the order id and the wall-clock update time.</summary>
    private static string Snapshot(OrderRecord order)
    {
        var copy = JsonSerializer.Deserialize<OrderRecord>(JsonSerializer.Serialize(order))!;
        copy.OrderId = string.Empty;
        copy.CorrelationId = null;
        copy.UpdatedAt = default;
        return JsonSerializer.Serialize(copy);
    }
}
