using System.Globalization;

namespace Fulfillment.DeliveryService.Assignment;

/// <summary>
/// A fleet too large to list (section <c>Delivery:Fleet</c>): <see cref="Size"/> drivers named <c>fleet-00001</c>, …
/// starting at points spread evenly over a disc of <see cref="RadiusKm"/> around (<see cref="Latitude"/>,
/// <see cref="Longitude"/>). The points follow from <see cref="DeliveryOptions.Seed"/>: the same seed, the same fleet.
/// </summary>
public sealed class FleetOptions
{
    /// <summary>Kilometres per degree of latitude (and of longitude at the equator).</summary>
    private const double KmPerDegree = 111.32;

    public int Size { get; set; }

    public double Latitude { get; set; } = 48.8566;

    public double Longitude { get; set; } = 2.3522;

    public double RadiusKm { get; set; } = 10;

    public static string DriverIdOf(int number) => string.Create(CultureInfo.InvariantCulture, $"fleet-{number:D5}");

    public IEnumerable<DriverOptions> Drivers(int seed)
    {
        var random = new Random(seed);
        var kmPerLongitudeDegree = KmPerDegree * Math.Cos(Latitude * Math.PI / 180);
        for (var number = 1; number <= Size; number++)
        {
            // sqrt: an even spread over the disc's area, not bunched at its centre.
            var distance = RadiusKm * Math.Sqrt(random.NextDouble());
            var bearing = 2 * Math.PI * random.NextDouble();
            yield return new DriverOptions
            {
                Id = DriverIdOf(number),
                Latitude = Latitude + (distance * Math.Cos(bearing) / KmPerDegree),
                Longitude = Longitude + (distance * Math.Sin(bearing) / kmPerLongitudeDegree),
            };
        }
    }
}
