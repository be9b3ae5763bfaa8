using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tests.Support;
using Fulfillment.Messages;
using Microsoft.EntityFrameworkCore;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Assignment;

/// <summary>payment.authorized on the test harness, with the real DbContext on PostgreSQL.</summary>
[TestFixture]
public sealed class AssignDriverTests
{
    private DeliveryTestHost _host = null!;

    [SetUp]
    public async Task StartAsync() => _host = await DeliveryTestHost.StartAsync("delivery_assign");

    [TearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task The_nearest_free_driver_is_assigned_with_eta_from_distance_and_speed()
    {
        var payment = Envelopes.PaymentAuthorized("order-1", DeliveryTestHost.Destination);

        await _host.ConsumeAsync(payment);

        var assigned = _host.PublishedAssignments().Single();
        var expectedKm = Haversine.Km(48.8600, 2.3550, 48.8566, 2.3522);
        Assert.That(assigned.DriverId, Is.EqualTo("near"));
        Assert.That(assigned.DistanceKm, Is.EqualTo(expectedKm).Within(1e-9));
        Assert.That(assigned.DriverPosition, Is.EqualTo(new GeoPoint(48.8600, 2.3550)));
        Assert.That(assigned.Destination, Is.EqualTo(DeliveryTestHost.Destination));
        var expectedEta = _host.Clock.GetUtcNow() + TimeSpan.FromHours(expectedKm / DeliveryTestHost.SpeedKmh);
        Assert.That(assigned.EstimatedArrival, Is.EqualTo(expectedEta).Within(TimeSpan.FromMilliseconds(1)));

        var delivery = await _host.DeliveryOfAsync("order-1");
        Assert.That(delivery.DeliveryId.ToString(), Is.EqualTo(assigned.DeliveryId));
        Assert.That(delivery.Status, Is.EqualTo(DeliveryStatuses.EnRoute));
        Assert.That(delivery.DriverId, Is.EqualTo("near"));
        Assert.That(delivery.CorrelationId, Is.EqualTo(payment.CorrelationId));
        Assert.That(delivery.CausationId, Is.EqualTo(payment.EventId.ToString()));
        Assert.That((await _host.DriverAsync("near")).ActiveDeliveryId, Is.EqualTo(delivery.DeliveryId));

        var history = await _host.HistoryAsync(delivery.DeliveryId);
        Assert.That(history.Select(h => h.Sequence), Is.EqualTo(new[] { 0 }));
        Assert.That(history[0].RemainingKm, Is.EqualTo(expectedKm).Within(1e-9));
    }

    [Test]
    public async Task A_busy_driver_is_skipped_for_the_next_nearest_free_one()
    {
        await _host.ConsumeAsync(Envelopes.PaymentAuthorized("order-1", DeliveryTestHost.Destination));
        await _host.ConsumeAsync(Envelopes.PaymentAuthorized("order-2", DeliveryTestHost.Destination));
        await _host.ConsumeAsync(Envelopes.PaymentAuthorized("order-3", DeliveryTestHost.Destination));

        var drivers = await _host.QueryAsync(db => db.Deliveries.AsNoTracking()
            .OrderBy(d => d.OrderId).Select(d => d.DriverId).ToListAsync());
        Assert.That(drivers, Is.EqualTo(new[] { "near", "middle", "far" }));
    }

    [Test]
    public async Task Duplicate_authorizations_make_one_delivery_and_one_assignment()
    {
        var payment = Envelopes.PaymentAuthorized("order-dup", DeliveryTestHost.Destination);

        await _host.ConsumeAsync(payment);
        await _host.ConsumeAsync(payment);                               // redelivery of the same event
        await _host.ConsumeAsync(payment with { EventId = Guid.NewGuid() }); // another event for the same order

        Assert.That(await _host.QueryAsync(db => db.Deliveries.CountAsync(d => d.OrderId == "order-dup")), Is.EqualTo(1));
        Assert.That(_host.PublishedAssignments(), Has.Count.EqualTo(1));
        var busy = await _host.QueryAsync(db => db.Drivers.CountAsync(d => d.ActiveDeliveryId != null));
        Assert.That(busy, Is.EqualTo(1));
    }

    [Test]
    public async Task The_order_unique_constraint_refuses_a_second_delivery()
    {
        await _host.ConsumeAsync(Envelopes.PaymentAuthorized("order-unique", DeliveryTestHost.Destination));

        var second = _host.QueryAsync(async db =>
        {
            db.Deliveries.Add(new Delivery
            {
                DeliveryId = Guid.NewGuid(),
                OrderId = "order-unique",
                Status = DeliveryStatuses.WaitingForDriver,
                CorrelationId = "c",
                CausationId = "e",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        Assert.That(async () => await second, Throws.InstanceOf<DbUpdateException>());
    }

    [Test]
    public async Task When_every_driver_is_busy_the_delivery_waits_without_an_assignment()
    {
        foreach (var order in new[] { "order-a", "order-b", "order-c" })
        {
            await _host.ConsumeAsync(Envelopes.PaymentAuthorized(order, DeliveryTestHost.Destination));
        }

        await _host.ConsumeAsync(Envelopes.PaymentAuthorized("order-d", DeliveryTestHost.Destination));

        var waiting = await _host.DeliveryOfAsync("order-d");
        Assert.That(waiting.Status, Is.EqualTo(DeliveryStatuses.WaitingForDriver));
        Assert.That(waiting.DriverId, Is.Null);
        Assert.That(_host.PublishedAssignments(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task An_authorization_without_a_valid_address_fails_and_creates_nothing()
    {
        var payment = Envelopes.PaymentAuthorized("order-nowhere", new GeoPoint(95, 2.35));

        await _host.Harness.Bus.Publish(payment);

        var consumer = _host.Harness.GetConsumerHarness<AssignDriver>();
        Assert.That(await consumer.Consumed.Any<EventEnvelope<PaymentAuthorized>>(m => m.Context.Message.EventId == payment.EventId), Is.True);
        var received = consumer.Consumed.Select<EventEnvelope<PaymentAuthorized>>(m => m.Context.Message.EventId == payment.EventId).First();
        Assert.That(received.Exception, Is.InstanceOf<InvalidOperationException>());
        Assert.That(await _host.QueryAsync(db => db.Deliveries.CountAsync()), Is.Zero);
        Assert.That(await _host.QueryAsync(db => db.Drivers.CountAsync(d => d.ActiveDeliveryId != null)), Is.Zero);
    }
}
