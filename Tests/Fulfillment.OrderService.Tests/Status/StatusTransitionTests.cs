using Fulfillment.Messages;
using Fulfillment.OrderService.Persistence;
using Fulfillment.OrderService.Tests.Support;
using NUnit.Framework;
using static Fulfillment.OrderService.Tests.Support.Lifecycle;

namespace Fulfillment.OrderService.Tests.Status;

/// <summary>Each transition of the order's own status on the test harness, one event per transaction, each test on orders of its own.</summary>
[TestFixture]
public sealed class StatusTransitionTests : OrderHarnessTest
{
    [Test]
    public async Task A_reservation_alone_keeps_the_order_pending_and_records_its_time()
    {
        var id = await Orders.PlaceAsync();

        await Orders.ConsumeAsync(Reserved(id, minute: 1));

        var order = await Orders.OrderAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatuses.Pending));
            Assert.That(order.StockReservedAt, Is.EqualTo(At(1)));
            Assert.That(order.ConfirmedAt, Is.Null);
            Assert.That(Orders.ConfirmationsOf(id), Is.Empty);
        }
    }

    [Test]
    public async Task Stock_reserved_and_payment_authorized_confirm_the_order_with_one_order_confirmed()
    {
        var id = await Orders.PlaceAsync(email: "jane@example.com");

        await Orders.ConsumeAllAsync(Reserved(id, minute: 1), Authorized(id, minute: 2));

        var order = await Orders.OrderAsync(id);
        var confirmed = Orders.ConfirmationsOf(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatuses.Confirmed));
            Assert.That((order.StockReservedAt, order.PaymentAuthorizedAt, order.ConfirmedAt), Is.EqualTo((At(1), At(2), At(2))));
            Assert.That(confirmed, Has.Count.EqualTo(1));
            Assert.That(confirmed[0].CustomerId, Is.EqualTo(OrderHarness.CustomerOf(id)));
            Assert.That(confirmed[0].Items, Is.EqualTo(new[] { new OrderLine("SKU-APPLE", 3, 0.1m), new OrderLine("SKU-PEAR", 2, 12.345m) }));
            Assert.That(confirmed[0].Total, Is.EqualTo(24.99m));
            Assert.That(confirmed[0].Currency, Is.EqualTo("EUR"));
            Assert.That(confirmed[0].CustomerEmail, Is.EqualTo("jane@example.com"));
        }
    }

    [Test]
    public async Task The_authorization_may_arrive_before_the_reservation_it_follows()
    {
        var id = await Orders.PlaceAsync(email: null);

        await Orders.ConsumeAsync(Authorized(id, minute: 2));
        Assert.That((await Orders.OrderAsync(id)).Status, Is.EqualTo(OrderStatuses.Pending));
        await Orders.ConsumeAsync(Reserved(id, minute: 1));

        var order = await Orders.OrderAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatuses.Confirmed));
            Assert.That(order.ConfirmedAt, Is.EqualTo(At(2)), "confirmed when the later of the two happened");
            Assert.That(Orders.ConfirmationsOf(id).Single().CustomerEmail, Is.Null);
        }
    }

    [Test]
    public async Task A_confirmed_order_goes_out_for_delivery_then_is_delivered()
    {
        var id = await Orders.PlaceAsync();
        await Orders.ConsumeAllAsync(Reserved(id), Authorized(id));

        await Orders.ConsumeAsync(Assigned(id, minute: 3));
        var assigned = await Orders.OrderAsync(id);
        await Orders.ConsumeAsync(Completed(id, minute: 4));
        var delivered = await Orders.OrderAsync(id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((assigned.Status, assigned.OutForDeliveryAt, assigned.DeliveredAt), Is.EqualTo((OrderStatuses.OutForDelivery, At(3), (DateTimeOffset?)null)));
            Assert.That((delivered.Status, delivered.DeliveredAt), Is.EqualTo((OrderStatuses.Delivered, At(4))));
            Assert.That(delivered.ConfirmedAt, Is.EqualTo(At(2)));
            Assert.That(Orders.ConfirmationsOf(id), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Out_of_stock_rejects_the_order_for_good()
    {
        var id = await Orders.PlaceAsync();

        await Orders.ConsumeAsync(Rejected(id, minute: 1));
        // Nothing the contract allows follows a rejection: these change nothing.
        await Orders.ConsumeAllAsync(Assigned(id, minute: 3), Authorized(id, minute: 2), Reserved(id, minute: 1));

        var order = await Orders.OrderAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((order.Status, order.RejectedAt), Is.EqualTo((OrderStatuses.Rejected, At(1))));
            Assert.That((order.StockReservedAt, order.PaymentAuthorizedAt, order.OutForDeliveryAt, order.ConfirmedAt), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)null, (DateTimeOffset?)null, (DateTimeOffset?)null)));
            Assert.That(Orders.ConfirmationsOf(id), Is.Empty);
        }
    }

    [TestCase(true, TestName = "Declined_after_the_reservation_is_PAYMENT_FAILED")]
    [TestCase(false, TestName = "Declined_before_the_reservation_arrives_is_PAYMENT_FAILED")]
    public async Task A_declined_payment_fails_the_order(bool reservationFirst)
    {
        var id = await Orders.PlaceAsync();
        IEventEnvelope[] events = [Reserved(id, minute: 1), Declined(id, minute: 2)];

        await Orders.ConsumeAllAsync(reservationFirst ? events : events.Reverse());

        var order = await Orders.OrderAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That((order.Status, order.StockReservedAt, order.PaymentFailedAt), Is.EqualTo((OrderStatuses.PaymentFailed, (DateTimeOffset?)At(1), (DateTimeOffset?)At(2))));
            Assert.That(order.ConfirmedAt, Is.Null);
            Assert.That(Orders.ConfirmationsOf(id), Is.Empty);
        }
    }

    [Test]
    public async Task A_driver_assigned_before_stock_and_payment_arrive_implies_the_confirmation()
    {
        var id = await Orders.PlaceAsync();

        await Orders.ConsumeAsync(Assigned(id, minute: 3));
        var first = await Orders.OrderAsync(id);
        var confirmationsAtOnce = Orders.ConfirmationsOf(id).Count;
        await Orders.ConsumeAllAsync(Authorized(id, minute: 2), Reserved(id, minute: 1));
        var filledIn = await Orders.OrderAsync(id);

        using (Assert.EnterMultipleScope())
        {
            Assert.That((first.Status, first.ConfirmedAt), Is.EqualTo((OrderStatuses.OutForDelivery, (DateTimeOffset?)At(3))), "confirmed on the proof the delivery gives");
            Assert.That(confirmationsAtOnce, Is.EqualTo(1), "order.confirmed at once");
            Assert.That(filledIn.Status, Is.EqualTo(OrderStatuses.OutForDelivery));
            Assert.That((filledIn.StockReservedAt, filledIn.PaymentAuthorizedAt), Is.EqualTo((At(1), At(2))));
            Assert.That(filledIn.ConfirmedAt, Is.EqualTo(At(2)), "the real confirmation time once both steps are known");
            Assert.That(Orders.ConfirmationsOf(id), Has.Count.EqualTo(1), "and no second order.confirmed");
        }
    }

    [Test]
    public async Task A_late_reservation_after_delivery_does_not_move_the_order_back()
    {
        var id = await Orders.PlaceAsync();
        await Orders.ConsumeAllAsync(Authorized(id), Assigned(id), Completed(id, minute: 4));

        await Orders.ConsumeAsync(Reserved(id, minute: 1));

        var order = await Orders.OrderAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(order.Status, Is.EqualTo(OrderStatuses.Delivered));
            Assert.That((order.StockReservedAt, order.DeliveredAt, order.ConfirmedAt), Is.EqualTo((At(1), At(4), At(2))));
            Assert.That(Orders.ConfirmationsOf(id), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Duplicates_and_resent_events_confirm_once_and_keep_the_earliest_times()
    {
        var id = await Orders.PlaceAsync();
        var reserved = Reserved(id, minute: 1);
        var authorized = Authorized(id, minute: 2);

        // The harness has no inbox: the same eventId twice reaches the consumer twice, as after a lost inbox row.
        await Orders.ConsumeAllAsync(reserved, authorized, authorized, Resent(authorized), Resent(reserved), reserved);

        Assert.That(await ConfirmationStateAsync(id), Is.EqualTo((OrderStatuses.Confirmed, At(1), At(2), At(2), 1)));
    }

    [Test]
    public async Task A_decline_after_the_confirmation_is_ignored()
    {
        var id = await Orders.PlaceAsync();
        await Orders.ConsumeAllAsync(Reserved(id), Authorized(id));

        await Orders.ConsumeAllAsync(Declined(id, minute: 5), Rejected(id, minute: 6));

        var order = await Orders.OrderAsync(id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ConfirmationStateAsync(id), Is.EqualTo((OrderStatuses.Confirmed, At(1), At(2), At(2), 1)), "an announced confirmation is not taken back");
            Assert.That((order.PaymentFailedAt, order.RejectedAt), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)null)));
        }
    }

    [Test]
    public async Task An_order_stored_as_CREATED_by_an_older_build_is_pending()
    {
        var id = await Orders.PlaceAsync(status: OrderStatuses.LegacyCreated);

        await Orders.ConsumeAllAsync(Reserved(id), Authorized(id));

        Assert.That((await Orders.OrderAsync(id)).Status, Is.EqualTo(OrderStatuses.Confirmed));
        Assert.That(Orders.ConfirmationsOf(id), Has.Count.EqualTo(1));
    }

    [TestCase("0190f5c2-0000-7000-8000-000000000000", TestName = "Event_of_an_unknown_order_is_skipped")]
    [TestCase("not-a-uuid", TestName = "Event_of_a_malformed_order_id_is_skipped")]
    public async Task Events_ofOrders_this_service_does_not_have_are_skipped(string orderId)
    {
        var before = Orders.Published<OrderConfirmed>().Count;
        var reserved = Reserved(Guid.Empty) with { OrderId = orderId };
        var authorized = Authorized(Guid.Empty) with { OrderId = orderId };

        await Orders.ConsumeAllAsync(reserved, authorized);

        Assert.That(Orders.Published<OrderConfirmed>(), Has.Count.EqualTo(before));
    }

    /// <summary>The order's status, its reservation, authorization and confirmation times, and how many order.confirmed it got.</summary>
    private async Task<(string Status, DateTimeOffset? Reserved, DateTimeOffset? Authorized, DateTimeOffset? Confirmed, int Confirmations)> ConfirmationStateAsync(Guid id)
    {
        var order = await Orders.OrderAsync(id);
        return (order.Status, order.StockReservedAt, order.PaymentAuthorizedAt, order.ConfirmedAt, Orders.ConfirmationsOf(id).Count);
    }
}
