using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tests.Support;
using Fulfillment.Messages;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Tracking;

/// <summary>
/// Delivery:AssignmentTimeout through the tracker's ticks, with a manual clock: a paid order still waiting for a driver
/// when its time is up gets delivery.failed (no-driver-in-time), once.
/// </summary>
[TestFixture]
public sealed class AssignmentTimeoutTests : DeliveryHostTests
{
    private static readonly Dictionary<string, string?> TwoMinutes = new() { ["Delivery:AssignmentTimeout"] = "00:02:00" };

    [Test]
    public async Task A_delivery_waiting_past_the_timeout_fails_once_and_a_later_cancel_emits_nothing()
    {
        var host = await StartAsync(1, TwoMinutes);
        var payment = Envelopes.PaymentAuthorized("order-waiting", DeliveryTestHost.Destination, correlationId: "corr-wait");
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-busy", DeliveryTestHost.Destination));
        await host.ConsumeAsync(payment);

        host.Clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.That((await host.TickAsync()).Expired, Is.Zero, "not yet");
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await host.TickAsync()).Expired, Is.EqualTo(1));
        host.Clock.Advance(TimeSpan.FromHours(2)); // the driver comes free: the failed delivery does not take it
        var later = await host.TickAsync();
        await host.ConsumeAsync(Envelopes.OrderCancelled("order-waiting"));

        Assert.That(later.Completed, Is.EqualTo(1));
        Assert.That(later.Assigned + later.Expired, Is.Zero);
        var events = await host.OutboxAsync("order-waiting");
        var failed = events.Cast<EventEnvelope<DeliveryFailed>>().Single();
        Assert.That(failed.Payload.Code, Is.EqualTo(DeliveryFailureCodes.NoDriverInTime));
        Assert.That(failed.CorrelationId, Is.EqualTo("corr-wait"));
        Assert.That(failed.CausationId, Is.EqualTo(payment.EventId.ToString()));
        Assert.That(host.Published<DeliveryCancelled>(), Is.Empty);
        var delivery = await host.DeliveryOfAsync("order-waiting");
        Assert.That(delivery.Status, Is.EqualTo(DeliveryStatuses.Failed));
        Assert.That(delivery.FailureCode, Is.EqualTo(DeliveryFailureCodes.NoDriverInTime));
        Assert.That(delivery.DriverId, Is.Null);
        Assert.That(host.PublishedAssignments(), Has.Count.EqualTo(1), "order-busy's only");
    }

    [Test]
    public async Task The_timeout_is_stated_in_simulated_time_and_shortened_by_the_time_scale()
    {
        // Ten simulated minutes at twenty times real speed: thirty real seconds.
        var host = await StartAsync(20, new Dictionary<string, string?>());
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-busy", DeliveryTestHost.Destination));
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-waiting", DeliveryTestHost.Destination));

        host.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.That((await host.TickAsync()).Expired, Is.Zero);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That((await host.TickAsync()).Expired, Is.EqualTo(1));
        Assert.That((await host.DeliveryOfAsync("order-waiting")).Status, Is.EqualTo(DeliveryStatuses.Failed));
    }

    [Test]
    public async Task A_cancellation_before_the_timeout_leaves_nothing_to_expire()
    {
        var host = await StartAsync(1, TwoMinutes);
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-busy", DeliveryTestHost.Destination));
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-waiting", DeliveryTestHost.Destination));
        await host.ConsumeAsync(Envelopes.OrderCancelled("order-waiting"));

        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var tick = await host.TickAsync();

        Assert.That(tick.Expired, Is.Zero);
        Assert.That(await host.OutboxAsync("order-waiting"), Is.Empty);
        Assert.That(host.Published<DeliveryCancelled>(), Has.Count.EqualTo(1));
        Assert.That((await host.DeliveryOfAsync("order-waiting")).Status, Is.EqualTo(DeliveryStatuses.Cancelled));
    }

    private Task<DeliveryTestHost> StartAsync(double timeScale, IReadOnlyDictionary<string, string?> settings) =>
        StartHostAsync("delivery_timeout", DeliveryTestHost.OneFarDriver, timeScale, settings);
}
