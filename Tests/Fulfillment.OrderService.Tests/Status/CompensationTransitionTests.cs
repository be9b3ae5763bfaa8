using Fulfillment.Messages;
using Fulfillment.OrderService.Persistence;
using Fulfillment.OrderService.Tests.Support;
using NUnit.Framework;
using static Fulfillment.OrderService.Tests.Support.Lifecycle;

namespace Fulfillment.OrderService.Tests.Status;

/// <summary>Decision 0019's verdicts and compensations on the order's own status, one event per transaction.</summary>
[TestFixture]
public sealed class CompensationTransitionTests : OrderHarnessTest
{
    [Test]
    public async Task A_confirmed_order_cancelled_in_time_ends_CANCELLED_with_what_was_undone()
    {
        var id = await Orders.PlaceAsync();
        await Orders.ConsumeAllAsync(Reserved(id), Authorized(id));

        await Orders.ConsumeAllAsync(DeliveryCancelled(id, minute: 3), Refunded(id, minute: 4), Released(id, minute: 5));

        var order = await Orders.OrderAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatuses.Cancelled));
            Assert.That((order.CancelledAt, order.RefundedAt, order.StockReleasedAt), Is.EqualTo((At(3), At(4), At(5))));
            Assert.That(order.RefundId, Is.EqualTo($"ref-{id}"));
            Assert.That(order.ConfirmedAt, Is.EqualTo(At(2)));
            Assert.That(Orders.ConfirmationsOf(id), Has.Count.EqualTo(1), "announced before the cancel; not taken back");
        }
    }

    [Test]
    public async Task An_order_cancelled_before_its_reservation_and_authorization_complete_is_never_confirmed()
    {
        var id = await Orders.PlaceAsync();

        await Orders.ConsumeAllAsync(Reserved(id, minute: 1), DeliveryCancelled(id, minute: 3), Authorized(id, minute: 2));

        var order = await Orders.OrderAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatuses.Cancelled));
            Assert.That((order.StockReservedAt, order.PaymentAuthorizedAt, order.CancelledAt), Is.EqualTo((At(1), At(2), At(3))));
            Assert.That(Orders.ConfirmationsOf(id), Is.Empty);
        }
    }

    [Test]
    public async Task A_failed_delivery_ends_DELIVERY_FAILED_with_its_code_and_reason_and_no_driver_after_it()
    {
        var id = await Orders.PlaceAsync();
        await Orders.ConsumeAllAsync(Reserved(id), Authorized(id));

        await Orders.ConsumeAllAsync(DeliveryFailed(id, minute: 3), Assigned(id, minute: 4), Refunded(id, minute: 5));

        var order = await Orders.OrderAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatuses.DeliveryFailed));
            Assert.That((order.DeliveryFailedAt, order.DeliveryFailureCode, order.DeliveryFailureReason), Is.EqualTo(((DateTimeOffset?)At(3), DeliveryFailureCodes.NoDriverInTime, "no driver could be assigned in time")));
            Assert.That(order.OutForDeliveryAt, Is.Null, "a driver after the verdict contradicts it: ignored");
            Assert.That(order.RefundedAt, Is.EqualTo(At(5)));
            Assert.That(Orders.ConfirmationsOf(id), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task A_delivery_failed_before_the_authorization_arrives_confirms_nothing()
    {
        var id = await Orders.PlaceAsync();

        await Orders.ConsumeAllAsync(DeliveryFailed(id, minute: 3), Authorized(id, minute: 2), Reserved(id, minute: 1));

        var order = await Orders.OrderAsync(id);
        Assert.That((order.Status, order.ConfirmedAt), Is.EqualTo((OrderStatuses.DeliveryFailed, (DateTimeOffset?)At(2))));
        Assert.That(Orders.ConfirmationsOf(id), Is.Empty);
    }

    [TestCase(true, TestName = "Rejected_then_cancelled_is_CANCELLED")]
    [TestCase(false, TestName = "Cancelled_then_rejected_is_CANCELLED")]
    public async Task A_cancel_outranks_a_rejection_in_either_order(bool rejectionFirst)
    {
        var id = await Orders.PlaceAsync();
        IEventEnvelope[] events = [Rejected(id, minute: 1), DeliveryCancelled(id, minute: 2)];

        await Orders.ConsumeAllAsync(rejectionFirst ? events : events.Reverse());

        var order = await Orders.OrderAsync(id);
        Assert.That((order.Status, order.RejectedAt, order.CancelledAt), Is.EqualTo((OrderStatuses.Cancelled, (DateTimeOffset?)At(1), (DateTimeOffset?)At(2))));
    }

    [Test]
    public async Task A_refund_that_overtakes_its_verdict_is_recorded_and_moves_no_status()
    {
        var id = await Orders.PlaceAsync();
        await Orders.ConsumeAllAsync(Reserved(id), Authorized(id));

        await Orders.ConsumeAsync(Refunded(id, minute: 4));
        var refunded = await Orders.OrderAsync(id);
        await Orders.ConsumeAsync(DeliveryCancelled(id, minute: 3));

        Assert.That((refunded.Status, refunded.RefundedAt), Is.EqualTo((OrderStatuses.Confirmed, (DateTimeOffset?)At(4))));
        Assert.That((await Orders.OrderAsync(id)).Status, Is.EqualTo(OrderStatuses.Cancelled));
    }

    [Test]
    public async Task The_stock_given_back_after_a_declined_payment_is_recorded()
    {
        var id = await Orders.PlaceAsync();

        await Orders.ConsumeAllAsync(Reserved(id, minute: 1), Declined(id, minute: 2), Released(id, minute: 3));

        var order = await Orders.OrderAsync(id);
        Assert.That((order.Status, order.StockReleasedAt), Is.EqualTo((OrderStatuses.PaymentFailed, (DateTimeOffset?)At(3))));
    }

    [Test]
    public async Task A_refund_or_release_of_a_delivered_order_contradicts_it_and_is_ignored()
    {
        var id = await Orders.PlaceAsync();
        await Orders.ConsumeAllAsync(HappyPath(id));

        await Orders.ConsumeAllAsync(Refunded(id, minute: 5), Released(id, minute: 6));

        var order = await Orders.OrderAsync(id);
        Assert.That((order.Status, order.RefundedAt, order.StockReleasedAt), Is.EqualTo((OrderStatuses.Delivered, (DateTimeOffset?)null, (DateTimeOffset?)null)));
    }
}
