using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Assignment;

public sealed class FleetOptionsTests
{
    [Test]
    public void A_generated_fleet_has_its_size_stays_within_its_radius_and_follows_the_seed()
    {
        var fleet = new FleetOptions { Size = 5_000, Latitude = 48.8566, Longitude = 2.3522, RadiusKm = 8 };

        var drivers = fleet.Drivers(seed: 42).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(drivers.Select(d => d.Id).Distinct().Count(), Is.EqualTo(5_000));
            Assert.That(drivers[0].Id, Is.EqualTo("fleet-00001"));
            Assert.That(drivers.Max(d => Haversine.Km(d.Latitude, d.Longitude, 48.8566, 2.3522)), Is.LessThanOrEqualTo(8 * 1.01));
            // Spread over the disc, not bunched at its centre: about a quarter of the area lies within half the radius.
            var inner = drivers.Count(d => Haversine.Km(d.Latitude, d.Longitude, 48.8566, 2.3522) <= 4) / 5_000.0;
            Assert.That(inner, Is.InRange(0.2, 0.3));
            Assert.That(fleet.Drivers(seed: 42).Select(d => (d.Latitude, d.Longitude)), Is.EqualTo(drivers.Select(d => (d.Latitude, d.Longitude))));
            Assert.That(fleet.Drivers(seed: 43).First().Latitude, Is.Not.EqualTo(drivers[0].Latitude));
        }
    }

    [Test]
    public void A_fleet_alone_is_a_valid_pool_and_ids_may_not_clash_with_listed_drivers()
    {
        var validator = new DeliveryOptionsValidator();
        var fleetOnly = new DeliveryOptions { Fleet = new FleetOptions { Size = 10 } };
        var clash = new DeliveryOptions
        {
            Drivers = [new DriverOptions { Id = "fleet-00003", Latitude = 48.8, Longitude = 2.3 }],
            Fleet = new FleetOptions { Size = 10 },
        };
        var none = new DeliveryOptions();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(validator.Validate(null, fleetOnly).Succeeded, Is.True);
            Assert.That(validator.Validate(null, clash).FailureMessage, Does.Contain("fleet-00003"));
            Assert.That(validator.Validate(null, none).Failed, Is.True);
        }
    }
}
