using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tests.Support;
using Fulfillment.Messages;
using Microsoft.EntityFrameworkCore;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Cancellation;

/// <summary>
/// order.cancelled and payment.authorized on the test harness (one unit of work per event, real PostgreSQL):
/// decision 0019's verdicts, at most one per order.
/// </summary>
[TestFixture]
public sealed class CancelDeliveryTests : DeliveryHostTests
{
    [Test]
    public async Task A_cancellation_before_the_payment_is_the_verdict_and_the_payment_assigns_no_driver()
    {
        var host = await StartAsync();
        var cancel = Envelopes.OrderCancelled("order-early", "found it cheaper");

        await host.ConsumeAsync(cancel);
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-early", DeliveryTestHost.Destination));
        await host.AdvanceAndTickAsync();

        Assert.That(host.Published<DeliveryCancelled>(), Is.EqualTo(new[] { new DeliveryCancelled("found it cheaper") }));
        Assert.That(host.PublishedAssignments(), Is.Empty);
        Assert.That(host.Published<DeliveryFailed>(), Is.Empty);
        var delivery = await host.DeliveryOfAsync("order-early");
        Assert.That(delivery.Status, Is.EqualTo(DeliveryStatuses.Cancelled));
        Assert.That(delivery.Reason, Is.EqualTo("found it cheaper"));
        Assert.That(delivery.DriverId, Is.Null);
        Assert.That(delivery.Destination, Is.Null, "created by the cancellation, which knows no address");
        Assert.That(delivery.CausationId, Is.EqualTo(cancel.EventId.ToString()));
        Assert.That(await BusyDriversAsync(host), Is.Zero);
    }

    [Test]
    public async Task A_cancellation_while_waiting_for_a_driver_cancels_and_the_freed_driver_never_takes_it()
    {
        var host = await StartAsync(DeliveryTestHost.OneFarDriver);
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-busy", DeliveryTestHost.Destination));
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-waiting", DeliveryTestHost.Destination));
        Assert.That((await host.DeliveryOfAsync("order-waiting")).Status, Is.EqualTo(DeliveryStatuses.WaitingForDriver));

        await host.ConsumeAsync(Envelopes.OrderCancelled("order-waiting", "too slow"));
        // Long enough for the first delivery to arrive and free the only driver (the timeout is far away).
        host.Clock.Advance(TimeSpan.FromHours(2));
        var tick = await host.TickAsync();

        Assert.That(tick.Completed, Is.EqualTo(1));
        Assert.That(tick.Assigned, Is.Zero);
        Assert.That(host.Published<DeliveryCancelled>(), Is.EqualTo(new[] { new DeliveryCancelled("too slow") }));
        Assert.That(host.PublishedAssignments().Select(a => a.DeliveryId),
            Is.EqualTo(new[] { (await host.DeliveryOfAsync("order-busy")).DeliveryId.ToString() }));
        var cancelled = await host.DeliveryOfAsync("order-waiting");
        Assert.That(cancelled.Status, Is.EqualTo(DeliveryStatuses.Cancelled));
        Assert.That(cancelled.DriverId, Is.Null);
        Assert.That(cancelled.Destination, Is.EqualTo(DeliveryTestHost.Destination));
        Assert.That(await host.OutboxAsync("order-waiting"), Is.Empty);
    }

    [Test]
    public async Task A_cancellation_after_the_assignment_is_too_late_and_the_delivery_goes_on()
    {
        var host = await StartAsync();
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-late", DeliveryTestHost.Destination));

        await host.ConsumeAsync(Envelopes.OrderCancelled("order-late"));
        var delivery = await host.DeliveryOfAsync("order-late");
        Assert.That(delivery.Status, Is.EqualTo(DeliveryStatuses.EnRoute));
        Assert.That(delivery.CancelledAt, Is.Null);

        for (var i = 0; i < 20 && (await host.DeliveryOfAsync("order-late")).Status == DeliveryStatuses.EnRoute; i++)
        {
            await host.AdvanceAndTickAsync();
        }

        Assert.That(host.Published<DeliveryCancelled>(), Is.Empty);
        Assert.That(host.PublishedAssignments(), Has.Count.EqualTo(1));
        Assert.That((await host.DeliveryOfAsync("order-late")).Status, Is.EqualTo(DeliveryStatuses.Delivered));
        Assert.That((await host.OutboxAsync("order-late")).Select(e => e.EventType), Does.Contain(EventTypes.DeliveryCompleted));

        await host.ConsumeAsync(Envelopes.OrderCancelled("order-late"));
        Assert.That(host.Published<DeliveryCancelled>(), Is.Empty, "nor after the delivery");
    }

    [Test]
    public async Task A_repeated_cancellation_gives_one_verdict()
    {
        var host = await StartAsync();
        var cancel = Envelopes.OrderCancelled("order-twice");

        await host.ConsumeAsync(cancel);
        await host.ConsumeAsync(cancel);                                    // redelivery of the same event
        await host.ConsumeAsync(cancel with { EventId = Guid.NewGuid() });  // a second cancel of the same order
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-twice", DeliveryTestHost.Destination));

        Assert.That(host.Published<DeliveryCancelled>(), Has.Count.EqualTo(1));
        Assert.That(host.PublishedAssignments(), Is.Empty);
        Assert.That(await host.QueryAsync(db => db.Deliveries.CountAsync(d => d.OrderId == "order-twice")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_cancellation_of_a_waiting_delivery_is_not_undone_by_its_repeated_payment()
    {
        var host = await StartAsync(DeliveryTestHost.OneFarDriver);
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-busy", DeliveryTestHost.Destination));
        var payment = Envelopes.PaymentAuthorized("order-replayed", DeliveryTestHost.Destination);
        await host.ConsumeAsync(payment);
        await host.ConsumeAsync(Envelopes.OrderCancelled("order-replayed"));

        await host.ConsumeAsync(payment);

        Assert.That((await host.DeliveryOfAsync("order-replayed")).Status, Is.EqualTo(DeliveryStatuses.Cancelled));
        Assert.That(host.Published<DeliveryCancelled>(), Has.Count.EqualTo(1));
        Assert.That(host.PublishedAssignments(), Has.Count.EqualTo(1), "order-busy's only");
    }

    private static Task<int> BusyDriversAsync(DeliveryTestHost host) =>
        host.QueryAsync(db => db.Drivers.CountAsync(d => d.ActiveDeliveryId != null));

    private Task<DeliveryTestHost> StartAsync(IReadOnlyList<DriverOptions>? pool = null) => StartHostAsync("delivery_cancel", pool);
}
