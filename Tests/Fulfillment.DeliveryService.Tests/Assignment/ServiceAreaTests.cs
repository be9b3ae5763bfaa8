using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.DeliveryService.Tests.Support;
using Fulfillment.Messages;
using Microsoft.EntityFrameworkCore;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Assignment;

/// <summary>Delivery:ServiceArea on the test harness: outside it a paid order fails instead of taking a driver.</summary>
[TestFixture]
public sealed class ServiceAreaTests : DeliveryHostTests
{
    /// <summary>20 km around central Paris.</summary>
    private static readonly Dictionary<string, string?> Paris = new()
    {
        ["Delivery:ServiceArea:Latitude"] = "48.8566",
        ["Delivery:ServiceArea:Longitude"] = "2.3522",
        ["Delivery:ServiceArea:RadiusKm"] = "20",
    };

    private static readonly GeoPoint Lyon = new(45.7640, 4.8357);

    [Test]
    public async Task An_address_outside_the_area_fails_the_delivery_and_takes_no_driver()
    {
        var host = await StartHostAsync("delivery_area", settings: Paris);

        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-lyon", Lyon));
        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-lyon", Lyon) with { EventId = Guid.NewGuid() });
        await host.ConsumeAsync(Envelopes.OrderCancelled("order-lyon"));

        var failed = host.Published<DeliveryFailed>().Single();
        Assert.That(failed.Code, Is.EqualTo(DeliveryFailureCodes.OutsideServiceArea));
        Assert.That(failed.Reason, Does.StartWith("the address is 39"), "Lyon is about 392 km from Paris");
        Assert.That(host.PublishedAssignments(), Is.Empty);
        Assert.That(host.Published<DeliveryCancelled>(), Is.Empty, "a cancel after the verdict is too late");
        var delivery = await host.DeliveryOfAsync("order-lyon");
        Assert.That(delivery.Status, Is.EqualTo(DeliveryStatuses.Failed));
        Assert.That(delivery.FailureCode, Is.EqualTo(DeliveryFailureCodes.OutsideServiceArea));
        Assert.That(delivery.Reason, Is.EqualTo(failed.Reason));
        Assert.That(delivery.DriverId, Is.Null);
        Assert.That(await host.QueryAsync(db => db.Drivers.CountAsync(d => d.ActiveDeliveryId != null)), Is.Zero);
    }

    [Test]
    public async Task An_address_inside_the_area_is_assigned()
    {
        var host = await StartHostAsync("delivery_area", settings: Paris);

        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-paris", new GeoPoint(48.9500, 2.3522)));

        Assert.That(host.PublishedAssignments(), Has.Count.EqualTo(1));
        Assert.That(host.Published<DeliveryFailed>(), Is.Empty);
    }

    [Test]
    public async Task Without_a_service_area_every_address_is_served()
    {
        var host = await StartHostAsync("delivery_area");

        await host.ConsumeAsync(Envelopes.PaymentAuthorized("order-lyon", Lyon));

        Assert.That(host.PublishedAssignments(), Has.Count.EqualTo(1));
        Assert.That(host.Published<DeliveryFailed>(), Is.Empty);
    }

    [TestCase(91, 2.35, 20)]
    [TestCase(48.85, 181, 20)]
    [TestCase(48.85, 2.35, 0)]
    [TestCase(48.85, 2.35, double.NaN)]
    public void A_service_area_that_cannot_work_is_refused(double latitude, double longitude, double radiusKm)
    {
        var options = new DeliveryOptions
        {
            Drivers = [new DriverOptions { Id = "d", Latitude = 48.85, Longitude = 2.35 }],
            ServiceArea = new ServiceAreaOptions { Latitude = latitude, Longitude = longitude, RadiusKm = radiusKm },
        };

        var result = new DeliveryOptionsValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Delivery:ServiceArea"));
    }

    [Test]
    public void A_timeout_that_is_not_positive_is_refused()
    {
        var options = new DeliveryOptions
        {
            Drivers = [new DriverOptions { Id = "d", Latitude = 48.85, Longitude = 2.35 }],
            AssignmentTimeout = TimeSpan.Zero,
        };

        var result = new DeliveryOptionsValidator().Validate(null, options);

        Assert.That(result.FailureMessage, Does.Contain("Delivery:AssignmentTimeout"));
    }
}
