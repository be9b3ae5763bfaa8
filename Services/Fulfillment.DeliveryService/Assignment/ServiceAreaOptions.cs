using Fulfillment.DeliveryService.Geo;
using Fulfillment.Messages;

namespace Fulfillment.DeliveryService.Assignment;

/// <summary>
/// Where delivery-service delivers (section <c>Delivery:ServiceArea</c>): the addresses within <see cref="RadiusKm"/>
/// of (<see cref="Latitude"/>, <see cref="Longitude"/>) along the ground. A paid order outside it gets
/// <c>delivery.failed</c> (<c>outside-service-area</c>) instead of a driver. Without the section every address is served.
/// </summary>
public sealed class ServiceAreaOptions
{
    /// <summary>Bound as part of <see cref="DeliveryOptions"/>; named here so the section's keys are discoverable.</summary>
    public const string SectionName = "Delivery:ServiceArea";

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public double RadiusKm { get; set; }

    public GeoPoint Centre => new(Latitude, Longitude);

    /// <summary>Great-circle distance from the centre to <paramref name="address"/>.</summary>
    public double DistanceKm(GeoPoint address) => GreatCircle.DistanceKm(Centre, address);

    public bool Contains(GeoPoint address) => DistanceKm(address) <= RadiusKm;
}
