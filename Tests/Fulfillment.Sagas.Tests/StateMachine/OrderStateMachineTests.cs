using Fulfillment.Messages;
using Fulfillment.Sagas.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.Sagas.Tests.StateMachine;

[TestFixture]
public sealed class OrderStateMachineTests
{
    private static readonly DateTimeOffset ClockStart = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private ManualClock _clock = null!;
    private SagaHarness _saga = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _clock = new ManualClock(ClockStart);
        _saga = await SagaHarness.StartAsync(_clock);
    }

    [TearDown]
    public async Task StopAsync() => await _saga.DisposeAsync();

    [Test]
    public async Task Order_created_creates_the_saga_in_CREATED()
    {
        var order = OrderEvents.ForNewOrder();
        var created = order.Created();

        await _saga.DeliverAsync(created);

        var id = OrderSagaId.From(order.OrderId);
        Assert.That(await _saga.Saga.Exists(id, x => x.Created), Is.EqualTo(id));
        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CorrelationId, Is.EqualTo(Guid.Parse(order.OrderId)));
            Assert.That(saga.OrderId, Is.EqualTo(order.OrderId));
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.Created));
            Assert.That(saga.OrderCreatedAt, Is.EqualTo(created.OccurredAt));
            Assert.That(saga.CreatedAt, Is.EqualTo(ClockStart));
            Assert.That(saga.StateEnteredAt, Is.EqualTo(ClockStart));
            Assert.That(saga.History, Has.Count.EqualTo(1));
            Assert.That(saga.History[0], Is.EqualTo(new SagaTransition(
                null, OrderSagaStatus.Created, EventTypes.OrderCreated, created.EventId, ClockStart, created.OccurredAt, null)));
        }
    }

    [Test]
    public async Task The_happy_path_moves_through_every_state_and_records_each_transition()
    {
        var order = OrderEvents.ForNewOrder();
        var id = OrderSagaId.From(order.OrderId);
        var created = order.Created();
        var reserved = order.Reserved();
        var authorized = order.Authorized();
        var assigned = order.Assigned();
        var completed = order.Completed();

        await _saga.DeliverAsync(created);
        Assert.That(await _saga.Saga.Exists(id, x => x.Created), Is.Not.Null);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _saga.DeliverAsync(reserved);
        Assert.That(await _saga.Saga.Exists(id, x => x.InventoryReserved), Is.Not.Null);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _saga.DeliverAsync(authorized);
        Assert.That(await _saga.Saga.Exists(id, x => x.PaymentAuthorized), Is.Not.Null);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _saga.DeliverAsync(assigned);
        Assert.That(await _saga.Saga.Exists(id, x => x.DeliveryAssigned), Is.Not.Null);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _saga.DeliverAsync(completed);
        Assert.That(await _saga.Saga.Exists(id, x => x.Delivered), Is.Not.Null);

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.History.Select(t => (t.From, t.To, t.EventType, t.Note)), Is.EqualTo(new (string?, string, string, string?)[]
            {
                (null, OrderSagaStatus.Created, EventTypes.OrderCreated, null),
                (OrderSagaStatus.Created, OrderSagaStatus.InventoryReserved, EventTypes.InventoryReserved, null),
                (OrderSagaStatus.InventoryReserved, OrderSagaStatus.PaymentAuthorized, EventTypes.PaymentAuthorized, null),
                (OrderSagaStatus.PaymentAuthorized, OrderSagaStatus.DeliveryAssigned, EventTypes.DeliveryAssigned, null),
                (OrderSagaStatus.DeliveryAssigned, OrderSagaStatus.Delivered, EventTypes.DeliveryCompleted, null),
            }));
            Assert.That(saga.History.Select(t => t.EventId), Is.EqualTo(new Guid?[]
                { created.EventId, reserved.EventId, authorized.EventId, assigned.EventId, completed.EventId }));
            Assert.That(saga.InventoryReservedAt, Is.EqualTo(reserved.OccurredAt));
            Assert.That(saga.PaymentAuthorizedAt, Is.EqualTo(authorized.OccurredAt));
            Assert.That(saga.DeliveryAssignedAt, Is.EqualTo(assigned.OccurredAt));
            Assert.That(saga.DeliveredAt, Is.EqualTo(completed.OccurredAt));
            Assert.That(saga.EstimatedArrival, Is.EqualTo(OrderEvents.AssignedEta));
            Assert.That(saga.EtaSequence, Is.Zero);
            Assert.That(saga.StateEnteredAt, Is.EqualTo(ClockStart.AddSeconds(4)));
            Assert.That(OrderSagaStatus.IsTerminal(saga.CurrentState), Is.True);
        }
    }

    [Test]
    public async Task A_duplicate_event_changes_nothing()
    {
        var order = OrderEvents.ForNewOrder();
        var created = order.Created();
        var reserved = order.Reserved();
        await _saga.DeliverInOrderAsync([created, reserved]);
        var before = _saga.Require(order.OrderId).UpdatedAt;

        _clock.Advance(TimeSpan.FromMinutes(1));
        await _saga.DeliverAsync(created);
        await _saga.DeliverAsync(reserved);
        await _saga.DeliverAsync(reserved);

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.InventoryReserved));
            Assert.That(saga.History.Select(t => t.EventId), Is.EqualTo(new Guid?[] { created.EventId, reserved.EventId }));
            Assert.That(saga.UpdatedAt, Is.EqualTo(before));
        }
    }

    [Test]
    public async Task An_inventory_rejection_ends_the_order_and_a_later_success_event_does_not_revive_it()
    {
        var order = OrderEvents.ForNewOrder();
        var id = OrderSagaId.From(order.OrderId);
        var rejected = order.Rejected("SKU-1 sold out");
        await _saga.DeliverInOrderAsync([order.Created(), rejected]);
        Assert.That(await _saga.Saga.Exists(id, x => x.InventoryRejected), Is.Not.Null);

        var anomaly = order.Authorized();
        await _saga.DeliverAsync(anomaly);

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.InventoryRejected));
            Assert.That(saga.FailureReason, Is.EqualTo("SKU-1 sold out"));
            Assert.That(saga.InventoryRejectedAt, Is.EqualTo(rejected.OccurredAt));
            Assert.That(saga.History[^1], Is.EqualTo(new SagaTransition(
                OrderSagaStatus.InventoryRejected, OrderSagaStatus.InventoryRejected, EventTypes.PaymentAuthorized,
                anomaly.EventId, ClockStart, anomaly.OccurredAt, SagaTransitionNotes.AfterFailure)));
            Assert.That(OrderSagaStatus.IsTerminal(saga.CurrentState), Is.True);
        }
    }

    [Test]
    public async Task A_payment_failure_ends_the_order_and_the_stock_release_is_recorded_as_compensation()
    {
        var order = OrderEvents.ForNewOrder();
        var id = OrderSagaId.From(order.OrderId);
        await _saga.DeliverInOrderAsync([order.Created(), order.Reserved(), order.PaymentFailed("card declined")]);
        Assert.That(await _saga.Saga.Exists(id, x => x.PaymentFailed), Is.Not.Null);
        Assert.That(_saga.Require(order.OrderId).StockReleased, Is.False);

        var released = order.Released();
        await _saga.DeliverAsync(released);

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.PaymentFailed));
            Assert.That(saga.FailureReason, Is.EqualTo("card declined"));
            Assert.That(saga.StockReleased, Is.True);
            Assert.That(saga.StockReleasedAt, Is.EqualTo(released.OccurredAt));
            Assert.That(saga.History[^1].EventType, Is.EqualTo(EventTypes.InventoryReleased));
            Assert.That(saga.History[^1].Note, Is.EqualTo(SagaTransitionNotes.Compensation));
            Assert.That(saga.History[^1].To, Is.EqualTo(OrderSagaStatus.PaymentFailed));
        }
    }

    [Test]
    public async Task A_cancel_request_is_noted_but_only_delivery_services_verdict_ends_the_order()
    {
        var order = OrderEvents.ForNewOrder();
        var id = OrderSagaId.From(order.OrderId);
        var request = order.CancelRequested("found it cheaper");
        await _saga.DeliverInOrderAsync([order.Created(), order.Reserved(), order.Authorized(), request]);

        var requested = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(requested.CurrentState, Is.EqualTo(OrderSagaStatus.PaymentAuthorized), "a request is not an outcome");
            Assert.That(requested.CancelRequestedAt, Is.EqualTo(request.OccurredAt));
            Assert.That(requested.CancelReason, Is.EqualTo("found it cheaper"));
            Assert.That(requested.History[^1].Note, Is.EqualTo(SagaTransitionNotes.CancelRequested));
        }

        var verdict = order.DeliveryCancelled("found it cheaper");
        await _saga.DeliverInOrderAsync([verdict, order.Refunded(), order.Released("order cancelled")]);

        Assert.That(await _saga.Saga.Exists(id, x => x.Cancelled), Is.Not.Null);
        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CancelledAt, Is.EqualTo(verdict.OccurredAt));
            Assert.That(saga.RefundId, Is.EqualTo("ref-1"));
            Assert.That(saga.StockReleased, Is.True);
            Assert.That(saga.History.TakeLast(2).Select(t => t.Note), Is.EqualTo(new[] { SagaTransitionNotes.Compensation, SagaTransitionNotes.Compensation }));
            Assert.That(OrderCompensation.StepsFor(saga).Select(step => (step.Name, step.Done)), Is.EqualTo(new[]
            {
                (OrderCompensation.ReleaseStock, true), (OrderCompensation.RefundPayment, true),
            }));
            Assert.That(OrderSagaStatus.IsTerminal(saga.CurrentState), Is.True);
        }
    }

    [Test]
    public async Task A_driver_after_a_cancelled_delivery_is_an_anomaly_and_the_cancellation_stands()
    {
        var order = OrderEvents.ForNewOrder();
        await _saga.DeliverInOrderAsync([order.Created(), order.Reserved(), order.Authorized(), order.DeliveryCancelled()]);

        await _saga.DeliverAsync(order.Assigned());

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.Cancelled));
            Assert.That(saga.History[^1].Note, Is.EqualTo(SagaTransitionNotes.AfterFailure));
        }
    }

    [Test]
    public async Task A_release_seen_before_the_payment_failure_still_ends_in_PAYMENT_FAILED_with_the_stock_released()
    {
        var order = OrderEvents.ForNewOrder();

        await _saga.DeliverInOrderAsync([order.Released(), order.Created(), order.PaymentFailed(), order.Reserved()]);

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.PaymentFailed));
            Assert.That(saga.StockReleased, Is.True);
            Assert.That(saga.History, Has.Count.EqualTo(4));
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Of_two_failures_the_inventory_rejection_wins_whatever_the_order(bool rejectionFirst)
    {
        var order = OrderEvents.ForNewOrder();
        IEventEnvelope rejected = order.Rejected("sold out");
        IEventEnvelope failed = order.PaymentFailed("declined");

        await _saga.DeliverInOrderAsync(rejectionFirst ? [rejected, failed] : [failed, rejected]);

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.InventoryRejected));
            Assert.That(saga.FailureReason, Is.EqualTo("sold out"));
        }
    }

    [Test]
    public async Task Payment_authorized_before_order_created_creates_the_saga_and_the_late_events_do_not_move_it_back()
    {
        var order = OrderEvents.ForNewOrder();
        var id = OrderSagaId.From(order.OrderId);
        var created = order.Created();

        await _saga.DeliverAsync(order.Authorized());
        Assert.That(await _saga.Saga.Exists(id, x => x.PaymentAuthorized), Is.Not.Null);
        var entered = _saga.Require(order.OrderId).StateEnteredAt;
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _saga.DeliverAsync(created);
        await _saga.DeliverAsync(order.Reserved());

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.PaymentAuthorized));
            Assert.That(saga.StateEnteredAt, Is.EqualTo(entered));
            Assert.That(saga.OrderCreatedAt, Is.EqualTo(created.OccurredAt));
            Assert.That(saga.History.Select(t => (t.From, t.To, t.Note)), Is.EqualTo(new (string?, string, string?)[]
            {
                (null, OrderSagaStatus.PaymentAuthorized, null),
                (OrderSagaStatus.PaymentAuthorized, OrderSagaStatus.PaymentAuthorized, SagaTransitionNotes.Late),
                (OrderSagaStatus.PaymentAuthorized, OrderSagaStatus.PaymentAuthorized, SagaTransitionNotes.Late),
            }));
        }
    }

    [Test]
    public async Task An_ETA_update_is_kept_only_when_newer_and_does_not_grow_the_history()
    {
        var order = OrderEvents.ForNewOrder();
        await _saga.DeliverInOrderAsync([order.Created(), order.Reserved(), order.Authorized(), order.Assigned()]);

        await _saga.DeliverInOrderAsync([order.Eta(2), order.Eta(1), order.Eta(3), order.Eta(3)]);

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.DeliveryAssigned));
            Assert.That(saga.EtaSequence, Is.EqualTo(3));
            Assert.That(saga.EstimatedArrival, Is.EqualTo(OrderEvents.EtaOf(3)));
            Assert.That(saga.History, Has.Count.EqualTo(4));
        }
    }

    [Test]
    public async Task An_ETA_update_before_the_assignment_proves_the_assignment_and_keeps_its_newer_ETA()
    {
        var order = OrderEvents.ForNewOrder();
        var id = OrderSagaId.From(order.OrderId);
        var eta = order.Eta(2);
        var assigned = order.Assigned();
        await _saga.DeliverInOrderAsync([order.Created(), eta]);
        Assert.That(await _saga.Saga.Exists(id, x => x.DeliveryAssigned), Is.Not.Null);

        await _saga.DeliverAsync(assigned);

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.DeliveryAssigned));
            Assert.That(saga.EstimatedArrival, Is.EqualTo(OrderEvents.EtaOf(2)));
            Assert.That(saga.DeliveryAssignedAt, Is.EqualTo(assigned.OccurredAt));
            Assert.That(saga.History.Select(t => (t.EventType, t.Note)), Is.EqualTo(new (string, string?)[]
            {
                (EventTypes.OrderCreated, null),
                (EventTypes.EtaUpdated, null),
                (EventTypes.DeliveryAssigned, SagaTransitionNotes.SameState),
            }));
        }
    }

    [Test]
    public async Task An_order_id_that_is_not_a_UUID_still_gets_one_stable_saga()
    {
        var order = new OrderEvents("ORD-2026-0042");

        await _saga.DeliverInOrderAsync([order.Reserved(), order.Created()]);

        var saga = _saga.Require("ORD-2026-0042");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.OrderId, Is.EqualTo("ORD-2026-0042"));
            Assert.That(saga.CorrelationId, Is.EqualTo(OrderSagaId.From("ORD-2026-0042")));
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.InventoryReserved));
            Assert.That(saga.History, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Confirmation_and_invoice_are_milestones_that_keep_the_state_and_enter_the_history()
    {
        var order = OrderEvents.ForNewOrder();
        var confirmed = order.Confirmed();
        var invoiced = order.Invoiced();

        await _saga.DeliverAsync(order.Created());
        await _saga.DeliverAsync(order.Reserved());
        await _saga.DeliverAsync(order.Authorized());
        await _saga.DeliverAsync(confirmed);
        await _saga.DeliverAsync(invoiced);
        await _saga.DeliverAsync(order.Assigned());

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.DeliveryAssigned));
            Assert.That(saga.OrderConfirmedAt, Is.EqualTo(confirmed.OccurredAt));
            Assert.That(saga.InvoiceIssuedAt, Is.EqualTo(invoiced.OccurredAt));
            Assert.That(saga.InvoiceNumber, Is.EqualTo("INV-2026-000007"));
            Assert.That(
                saga.History.Select(h => h.EventType),
                Is.EqualTo(new[]
                {
                    EventTypes.OrderCreated, EventTypes.InventoryReserved, EventTypes.PaymentAuthorized,
                    EventTypes.OrderConfirmed, EventTypes.InvoiceIssued, EventTypes.DeliveryAssigned,
                }));
        }
    }

    [Test]
    public async Task An_invoice_seen_first_proves_the_payment_and_a_late_duplicate_changes_nothing()
    {
        var order = OrderEvents.ForNewOrder();
        var invoiced = order.Invoiced();

        await _saga.DeliverAsync(invoiced);
        await _saga.DeliverAsync(order.Created());
        var before = _saga.Require(order.OrderId).History.Count;
        await _saga.DeliverAsync(invoiced);

        var saga = _saga.Require(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saga.CurrentState, Is.EqualTo(OrderSagaStatus.PaymentAuthorized));
            Assert.That(saga.InvoiceNumber, Is.EqualTo("INV-2026-000007"));
            Assert.That(saga.History, Has.Count.EqualTo(before));
        }
    }
}
