using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tests.Support;
using Fulfillment.Messages;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Tracking;

/// <summary>The ticker's work, run tick by tick against PostgreSQL with a manual clock; events read from the real outbox.</summary>
[TestFixture]
public sealed class DeliveryTrackerTests : DeliveryHostTests
{
    /// <summary>10 m/s for one 5 s interval.</summary>
    private const double StepKm = 0.05;

    [Test]
    public async Task Nothing_moves_before_an_eta_interval_has_passed()
    {
        var host = await StartAsync();
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-early", DeliveryTestHost.Destination));
        host.Clock.Advance(DeliveryTestHost.EtaInterval - TimeSpan.FromMilliseconds(1));

        var tick = await host.TickAsync();

        Assert.That(tick.Advanced, Is.Zero);
        Assert.That(await host.OutboxAsync("order-early"), Is.Empty);
    }

    [Test]
    public async Task Each_tick_publishes_a_growing_sequence_and_a_shrinking_remaining_distance()
    {
        var host = await StartAsync();
        var payment = Envelopes.PaymentAuthorized("order-move", DeliveryTestHost.Destination, correlationId: "corr-move");
        await host.ConsumeAsync(payment);
        var assigned = host.PublishedAssignments().Single();

        for (var i = 0; i < 3; i++)
        {
            Assert.That((await host.AdvanceAndTickAsync()).Advanced, Is.EqualTo(1));
        }

        var envelopes = (await host.OutboxAsync("order-move")).Cast<EventEnvelope<EtaUpdated>>().ToList();
        var updates = envelopes.Select(e => e.Payload).ToList();
        Assert.That(updates.Select(u => u.Sequence), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(updates.Select(u => u.RemainingKm), Is.Ordered.Descending);
        for (var i = 0; i < updates.Count; i++)
        {
            var update = updates[i];
            var expectedRemaining = assigned.DistanceKm - (StepKm * (i + 1));
            Assert.That(update.RemainingKm, Is.EqualTo(expectedRemaining).Within(1e-9));
            Assert.That(update.DeliveryId, Is.EqualTo(assigned.DeliveryId));
            Assert.That(update.DriverId, Is.EqualTo("near"));
            // The reported position really is that far from the destination, on the way from the start.
            var position = update.DriverPosition;
            Assert.That(Haversine.Km(position.Latitude, position.Longitude, 48.8566, 2.3522), Is.EqualTo(expectedRemaining).Within(1e-6));
            Assert.That(Haversine.Km(48.8600, 2.3550, position.Latitude, position.Longitude), Is.EqualTo(StepKm * (i + 1)).Within(1e-6));
            // Constant speed: the ETA does not drift.
            Assert.That(update.EstimatedArrival, Is.EqualTo(assigned.EstimatedArrival).Within(TimeSpan.FromMilliseconds(2)));
        }

        Assert.That(envelopes.Select(e => e.EventType), Is.All.EqualTo(EventTypes.EtaUpdated));
        Assert.That(envelopes.Select(e => e.CorrelationId), Is.All.EqualTo("corr-move"));
        Assert.That(envelopes.Select(e => e.CausationId), Is.All.EqualTo(payment.EventId.ToString()));
        Assert.That(envelopes.Select(e => e.Producer), Is.All.EqualTo("delivery-service"));

        var delivery = await host.DeliveryOfAsync("order-move");
        var history = await host.HistoryAsync(delivery.DeliveryId);
        Assert.That(history.Select(h => h.Sequence), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(history.Select(h => h.RemainingKm), Is.Ordered.Descending);
        Assert.That(delivery.Sequence, Is.EqualTo(3));
        Assert.That(delivery.RemainingKm, Is.EqualTo(updates[^1].RemainingKm).Within(1e-12));
    }

    [Test]
    public async Task Arrival_completes_the_delivery_and_frees_the_driver()
    {
        var host = await StartAsync();
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-arrive", DeliveryTestHost.Destination));
        var assigned = host.PublishedAssignments().Single();
        var assignedAt = host.Clock.GetUtcNow();

        var ticks = 0;
        while ((await host.OutboxAsync("order-arrive")).OfType<EventEnvelope<DeliveryCompleted>>().Any() is false)
        {
            Assert.That(++ticks, Is.LessThanOrEqualTo(20), "the driver never arrived");
            await host.AdvanceAndTickAsync();
        }

        var events = await host.OutboxAsync("order-arrive");
        var updates = events.OfType<EventEnvelope<EtaUpdated>>().Select(e => e.Payload).ToList();
        var completed = events.OfType<EventEnvelope<DeliveryCompleted>>().Single().Payload;
        Assert.That(events[^1], Is.InstanceOf<EventEnvelope<DeliveryCompleted>>(), "completion comes last");
        Assert.That(updates.Select(u => u.Sequence), Is.EqualTo(Enumerable.Range(1, updates.Count)));
        Assert.That(updates[^1].RemainingKm, Is.Zero);
        Assert.That(updates[^1].DriverPosition, Is.EqualTo(DeliveryTestHost.Destination));
        // ~0.44 km at 50 m per tick: nine ticks, the last one arriving part-way through its interval.
        Assert.That(updates, Has.Count.EqualTo((int)Math.Ceiling(assigned.DistanceKm / StepKm)));
        var expectedArrival = assignedAt + TimeSpan.FromHours(assigned.DistanceKm / DeliveryTestHost.SpeedKmh);
        Assert.That(completed.DeliveredAt, Is.EqualTo(expectedArrival).Within(TimeSpan.FromMilliseconds(2)));
        Assert.That(completed.DriverId, Is.EqualTo("near"));
        Assert.That(completed.DeliveryId, Is.EqualTo(assigned.DeliveryId));

        var delivery = await host.DeliveryOfAsync("order-arrive");
        Assert.That(delivery.Status, Is.EqualTo(DeliveryStatuses.Delivered));
        Assert.That(delivery.DeliveredAt, Is.EqualTo(completed.DeliveredAt).Within(TimeSpan.FromMilliseconds(1)));
        var driver = await host.DriverAsync("near");
        Assert.That(driver.ActiveDeliveryId, Is.Null);
        Assert.That(driver.Position, Is.EqualTo(DeliveryTestHost.Destination));
        Assert.That(driver.DeliveriesCompleted, Is.EqualTo(1));

        // A delivered order produces nothing more.
        var before = events.Count;
        await host.AdvanceAndTickAsync();
        Assert.That(await host.OutboxAsync("order-arrive"), Has.Count.EqualTo(before));
    }

    [Test]
    public async Task A_waiting_delivery_gets_the_driver_that_frees_up()
    {
        var host = await StartAsync(pool: [new DriverOptions { Id = "solo", Latitude = 48.8600, Longitude = 2.3550 }]);
        var second = Envelopes.PaymentAuthorized("order-second", new GeoPoint(48.8600, 2.3600), correlationId: "corr-second");
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-first", DeliveryTestHost.Destination));
        await host.ConsumeAsync(second);
        Assert.That((await host.DeliveryOfAsync("order-second")).Status, Is.EqualTo(DeliveryStatuses.WaitingForDriver));

        var ticks = 0;
        while ((await host.DeliveryOfAsync("order-first")).Status != DeliveryStatuses.Delivered)
        {
            Assert.That(++ticks, Is.LessThanOrEqualTo(20), "the first delivery never arrived");
            Assert.That((await host.DeliveryOfAsync("order-second")).Status, Is.EqualTo(DeliveryStatuses.WaitingForDriver));
            await host.AdvanceAndTickAsync();
        }

        var waited = await host.DeliveryOfAsync("order-second");
        Assert.That(waited.Status, Is.EqualTo(DeliveryStatuses.EnRoute));
        Assert.That(waited.DriverId, Is.EqualTo("solo"));
        var assignment = (await host.OutboxAsync("order-second")).Cast<EventEnvelope<DeliveryAssigned>>().Single();
        Assert.That(assignment.CorrelationId, Is.EqualTo("corr-second"));
        Assert.That(assignment.CausationId, Is.EqualTo(second.EventId.ToString()));
        // The driver starts from where it just delivered.
        Assert.That(assignment.Payload.DriverPosition, Is.EqualTo(DeliveryTestHost.Destination));
        Assert.That(assignment.Payload.DistanceKm, Is.EqualTo(Haversine.Km(48.8566, 2.3522, 48.8600, 2.3600)).Within(1e-9));
    }

    [Test]
    public async Task Time_scale_speeds_up_both_the_driver_and_the_eta()
    {
        var host = await StartAsync(pool: [new DriverOptions { Id = "far", Latitude = 48.9000, Longitude = 2.4000 }], timeScale: 10);
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-fast", DeliveryTestHost.Destination));
        var assigned = host.PublishedAssignments().Single();
        var expectedEta = host.Clock.GetUtcNow() + TimeSpan.FromHours(assigned.DistanceKm / (DeliveryTestHost.SpeedKmh * 10));
        Assert.That(assigned.EstimatedArrival, Is.EqualTo(expectedEta).Within(TimeSpan.FromMilliseconds(1)));

        await host.AdvanceAndTickAsync();

        var update = (await host.OutboxAsync("order-fast")).Cast<EventEnvelope<EtaUpdated>>().Single().Payload;
        Assert.That(update.RemainingKm, Is.EqualTo(assigned.DistanceKm - (StepKm * 10)).Within(1e-9));
    }

    [Test]
    public async Task Concurrent_ticks_move_each_delivery_once()
    {
        var host = await StartAsync();
        foreach (var order in new[] { "order-x", "order-y", "order-z" })
        {
            await host.ConsumeAsync(Envelopes.PaymentAuthorized(order, DeliveryTestHost.Destination));
        }

        host.Clock.Advance(DeliveryTestHost.EtaInterval);
        var ticks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(host.TickAsync)));

        Assert.That(ticks.Sum(t => t.Advanced), Is.EqualTo(3), string.Join(", ", ticks.AsEnumerable()));
        foreach (var order in new[] { "order-x", "order-y", "order-z" })
        {
            var updates = (await host.OutboxAsync(order)).Cast<EventEnvelope<EtaUpdated>>().ToList();
            Assert.That(updates.Select(u => u.Payload.Sequence), Is.EqualTo(new[] { 1 }), order);
        }
    }

    private Task<DeliveryTestHost> StartAsync(IReadOnlyList<DriverOptions>? pool = null, double timeScale = 1) =>
        StartHostAsync("delivery_track", pool, timeScale);
}
