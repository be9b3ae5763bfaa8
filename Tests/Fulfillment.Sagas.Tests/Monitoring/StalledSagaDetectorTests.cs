using Fulfillment.Messages;
using Fulfillment.Sagas.Monitoring;
using Fulfillment.Sagas.Queries;
using Fulfillment.Sagas.Tests.Support;
using Fulfillment.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Fulfillment.Sagas.Tests.Monitoring;

[TestFixture]
public sealed class StalledSagaDetectorTests : SagaDatabaseTest
{
    private static readonly TimeSpan StalledAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CompensationTimeout = TimeSpan.FromMinutes(2);

    [Test]
    public async Task Only_orders_waiting_on_a_service_for_longer_than_the_limit_are_flagged()
    {
        var created = await OrderAtAsync(o => [o.Created()]);
        var authorized = await OrderAtAsync(o => [o.Created(), o.Reserved(), o.Authorized()]);
        var notReleased = await OrderAtAsync(o => [o.Created(), o.Reserved(), o.PaymentFailed()]);
        var released = await OrderAtAsync(o => [o.Created(), o.Reserved(), o.PaymentFailed(), o.Released()]);
        var rejected = await OrderAtAsync(o => [o.Created(), o.Rejected()]);
        var assigned = await OrderAtAsync(o => [o.Created(), o.Reserved(), o.Authorized(), o.Assigned()]);
        var delivered = await OrderAtAsync(o => [o.Created(), o.Reserved(), o.Authorized(), o.Assigned(), o.Completed()]);
        Clock.Advance(StalledAfter + TimeSpan.FromSeconds(1));
        var recent = await OrderAtAsync(o => [o.Created()]);

        var flagged = await Detector().ScanAsync(CancellationToken.None);

        Assert.That(flagged, Is.EquivalentTo(new[] { created, authorized, notReleased }));
        var stalled = await Queries.ListStalledAsync(100, CancellationToken.None);
        Assert.That(stalled.Select(s => s.OrderId), Is.EquivalentTo(new[] { created, authorized, notReleased }));
        foreach (var orderId in new[] { released, rejected, assigned, delivered, recent })
        {
            Assert.That((await FindAsync(orderId)).Stalled, Is.False, orderId);
        }
    }

    [Test]
    public async Task Flagging_records_the_stall_in_the_history_and_bumps_the_version()
    {
        var orderId = await OrderAtAsync(o => [o.Created(), o.Reserved()]);
        var before = await FindAsync(orderId);
        Clock.Advance(StalledAfter + TimeSpan.FromMinutes(1));

        await Detector().ScanAsync(CancellationToken.None);

        var after = await FindAsync(orderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.Stalled, Is.True);
            Assert.That(after.StalledAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(after.State, Is.EqualTo(OrderSagaStatus.InventoryReserved));
            Assert.That(after.Version, Is.EqualTo(before.Version + 1));
            Assert.That(after.History, Has.Count.EqualTo(before.History.Count + 1));
            Assert.That(after.History[^1], Is.EqualTo(new SagaTransition(
                OrderSagaStatus.InventoryReserved, OrderSagaStatus.InventoryReserved, SagaTransition.StalledEventType,
                null, Clock.GetUtcNow(), null, SagaTransitionNotes.Stalled)));
        }
    }

    [Test]
    public async Task A_stalled_order_is_flagged_once()
    {
        var orderId = await OrderAtAsync(o => [o.Created()]);
        Clock.Advance(StalledAfter * 2);
        var detector = Detector();

        var first = await detector.ScanAsync(CancellationToken.None);
        Clock.Advance(StalledAfter * 2);
        var second = await detector.ScanAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo(new[] { orderId }));
            Assert.That(second, Is.Empty);
            Assert.That((await FindAsync(orderId)).History.Count(t => t.EventType == SagaTransition.StalledEventType), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task The_next_transition_clears_the_flag_and_a_late_event_does_not()
    {
        var order = OrderEvents.ForNewOrder();
        await SagaHost.HandleAsync(order.Reserved());
        Clock.Advance(StalledAfter * 2);
        await Detector().ScanAsync(CancellationToken.None);
        Assert.That((await FindAsync(order.OrderId)).Stalled, Is.True);

        await SagaHost.HandleAsync(order.Created());
        Assert.That((await FindAsync(order.OrderId)).Stalled, Is.True, "a late event is no progress");

        await SagaHost.HandleAsync(order.Authorized());
        var view = await FindAsync(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(view.Stalled, Is.False);
            Assert.That(view.StalledAt, Is.Null);
            Assert.That(view.History.Select(t => t.EventType), Is.EqualTo(new[]
            {
                EventTypes.InventoryReserved, SagaTransition.StalledEventType, EventTypes.OrderCreated, EventTypes.PaymentAuthorized,
            }));
        }
    }

    [Test]
    public async Task A_saga_being_changed_is_skipped_rather_than_waited_for_or_flagged()
    {
        var order = OrderEvents.ForNewOrder();
        await SagaHost.HandleAsync(order.Created());
        Clock.Advance(StalledAfter * 2);

        await using (var unit = await SagaHost.BeginAsync())
        {
            await unit.SendAsync(order.Reserved());
            // The detector skips the row the saga transaction holds, rather than waiting for it.
            Assert.That(await Detector().ScanAsync(CancellationToken.None), Is.Empty);
            await unit.CommitAsync();
        }

        var view = await FindAsync(order.OrderId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(view.State, Is.EqualTo(OrderSagaStatus.InventoryReserved));
            Assert.That(view.Stalled, Is.False);
            // The transition restarted the clock: nothing is due now.
            Assert.That(await Detector().ScanAsync(CancellationToken.None), Is.Empty);
        }
    }

    [Test]
    public async Task The_hosted_detector_scans_at_start_and_then_at_every_interval()
    {
        var early = await OrderAtAsync(o => [o.Created()]);
        Clock.Advance(StalledAfter * 2);
        using var detector = Detector(scanInterval: TimeSpan.FromMilliseconds(100));
        await detector.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.ReturnsAsync(() => FindAsync(early), view => view.Stalled, what: "the order stalled before start is flagged");

            var later = await OrderAtAsync(o => [o.Created(), o.Reserved()]);
            Clock.Advance(StalledAfter * 2);
            await Eventually.ReturnsAsync(() => FindAsync(later), view => view.Stalled, what: "the order stalled after start is flagged");
        }
        finally
        {
            await detector.StopAsync(CancellationToken.None);
        }
    }

    [Test]
    public async Task A_cancelled_or_failed_order_still_owing_a_step_after_the_timeout_is_flagged_once()
    {
        var owesRefund = await OrderAtAsync(o => [o.Created(), o.Reserved(), o.Authorized(), o.DeliveryCancelled(), o.Released("order cancelled")]);
        var owesRelease = await OrderAtAsync(o => [o.Created(), o.Reserved(), o.Authorized(), o.DeliveryFailed(), o.Refunded("delivery failed")]);
        var owesCredit = await OrderAtAsync(o =>
            [o.Created(), o.Reserved(), o.Authorized(), o.Invoiced(), o.DeliveryCancelled(), o.Released("order cancelled"), o.Refunded()]);
        var complete = await OrderAtAsync(o =>
            [o.Created(), o.Reserved(), o.Authorized(), o.DeliveryCancelled(), o.Released("order cancelled"), o.Refunded()]);
        var nothingToUndo = await OrderAtAsync(o => [o.Created(), o.CancelRequested(), o.DeliveryCancelled()]);
        Clock.Advance(CompensationTimeout - TimeSpan.FromSeconds(1));
        var beforeTimeout = await Detector().ScanAsync(CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(2));

        var flagged = await Detector().ScanAsync(CancellationToken.None);
        Clock.Advance(CompensationTimeout);
        var again = await Detector().ScanAsync(CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(beforeTimeout, Is.Empty);
            Assert.That(flagged, Is.EquivalentTo(new[] { owesRefund, owesRelease, owesCredit }));
            Assert.That(again, Is.Empty, "flagged once");
            var view = await FindAsync(owesRefund);
            Assert.That(view.Compensation, Is.Not.Null);
            Assert.That(view.Compensation!.Complete, Is.False);
            Assert.That(view.Compensation.OverdueAt, Is.Not.Null);
            Assert.That(view.Compensation.Steps.Where(s => !s.Done).Select(s => s.Name), Is.EqualTo(new[] { OrderCompensation.RefundPayment }));
            Assert.That(view.History[^1].Note, Is.EqualTo(SagaTransitionNotes.CompensationOverdue));
            Assert.That((await FindAsync(complete)).Compensation!.Complete, Is.True);
            Assert.That((await FindAsync(nothingToUndo)).Compensation!.Steps, Is.Empty);
            Assert.That((await FindAsync(nothingToUndo)).Compensation!.OverdueAt, Is.Null);
        }
    }

    private StalledSagaDetector Detector(TimeSpan? scanInterval = null) =>
        new(
            DataSource,
            Options.Create(new StalledSagaOptions
            {
                StalledAfter = StalledAfter,
                CompensationTimeout = CompensationTimeout,
                ScanInterval = scanInterval ?? TimeSpan.FromSeconds(30),
            }),
            Clock,
            NullLogger<StalledSagaDetector>.Instance);

    private async Task<string> OrderAtAsync(Func<OrderEvents, IEventEnvelope[]> events)
    {
        var order = OrderEvents.ForNewOrder();
        await SagaHost.HandleAsync(events(order));
        return order.OrderId;
    }

    private async Task<OrderSagaView> FindAsync(string orderId) =>
        await Queries.FindAsync(orderId, CancellationToken.None) ?? throw new InvalidOperationException($"No saga for {orderId}.");
}
