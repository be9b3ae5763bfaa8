using Fulfillment.DeliveryService.Geo;
using Fulfillment.DeliveryService.Tests.Support;
using Fulfillment.Messages;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Tracking;

public sealed class GreatCircleTests
{
    private static readonly GeoPoint Paris = new(48.8566, 2.3522);
    private static readonly GeoPoint London = new(51.5074, -0.1278);

    [Test]
    public void Distance_matches_an_independent_haversine_and_a_known_value()
    {
        var km = GreatCircle.DistanceKm(Paris, London);

        Assert.That(km, Is.EqualTo(Haversine.Km(48.8566, 2.3522, 51.5074, -0.1278)).Within(1e-9));
        Assert.That(km, Is.EqualTo(343.5).Within(1.0), "Paris–London is about 343.5 km");
        Assert.That(GreatCircle.DistanceKm(Paris, Paris), Is.Zero);
    }

    [TestCase(0.25)]
    [TestCase(0.5)]
    [TestCase(0.9)]
    public void Interpolation_lies_on_the_great_circle_at_the_fraction(double fraction)
    {
        var total = GreatCircle.DistanceKm(Paris, London);

        var point = GreatCircle.Interpolate(Paris, London, fraction);

        Assert.That(GreatCircle.DistanceKm(Paris, point), Is.EqualTo(total * fraction).Within(1e-6));
        Assert.That(GreatCircle.DistanceKm(point, London), Is.EqualTo(total * (1 - fraction)).Within(1e-6));
    }

    [Test]
    public void Interpolation_ends_are_the_points_themselves()
    {
        Assert.That(GreatCircle.Interpolate(Paris, London, 0), Is.EqualTo(Paris));
        Assert.That(GreatCircle.Interpolate(Paris, London, 1), Is.EqualTo(London));
    }
}
