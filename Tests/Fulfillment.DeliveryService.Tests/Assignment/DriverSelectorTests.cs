using Fulfillment.DeliveryService.Assignment;
using Fulfillment.DeliveryService.Persistence;
using Fulfillment.Messages;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Assignment;

public sealed class DriverSelectorTests
{
    private static readonly GeoPoint Destination = new(48.8566, 2.3522);
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Drivers_are_ranked_nearest_first()
    {
        var ranked = DriverSelector.Rank(
            [Driver("far", 48.90, 2.40), Driver("near", 48.86, 2.355), Driver("middle", 48.875, 2.37)], Destination, "o-1", seed: 1);

        Assert.That(ranked.Select(r => r.Driver.DriverId), Is.EqualTo(new[] { "near", "middle", "far" }));
        Assert.That(ranked.Select(r => r.DistanceKm), Is.Ordered.Ascending);
    }

    [Test]
    public void Among_equally_near_drivers_the_one_idle_longest_goes_first()
    {
        var ranked = DriverSelector.Rank(
            [Driver("recent", 48.86, 2.355, Noon), Driver("waiting", 48.86, 2.355, Noon.AddMinutes(-30))], Destination, "o-1", seed: 1);

        Assert.That(ranked[0].Driver.DriverId, Is.EqualTo("waiting"));
    }

    [Test]
    public void Complete_ties_are_settled_the_same_way_for_the_same_seed_and_spread_over_orders()
    {
        Driver[] twins = [Driver("a", 48.86, 2.355), Driver("b", 48.86, 2.355)];
        var orders = Enumerable.Range(0, 200).Select(i => $"order-{i}").ToList();

        var first = orders.Select(o => DriverSelector.Rank(twins, Destination, o, seed: 42)[0].Driver.DriverId).ToList();
        var again = orders.Select(o => DriverSelector.Rank(twins, Destination, o, seed: 42)[0].Driver.DriverId).ToList();
        var otherSeed = orders.Select(o => DriverSelector.Rank(twins, Destination, o, seed: 43)[0].Driver.DriverId).ToList();

        Assert.That(again, Is.EqualTo(first), "same seed, same choices");
        Assert.That(otherSeed, Is.Not.EqualTo(first), "the seed matters");
        Assert.That(first.Count(d => d == "a"), Is.InRange(60, 140), "neither twin gets all the work");
    }

    private static Driver Driver(string id, double latitude, double longitude, DateTimeOffset? idleSince = null) => new()
    {
        DriverId = id,
        Latitude = latitude,
        Longitude = longitude,
        IdleSince = idleSince ?? Noon,
    };
}
