using Fulfillment.Messages;

namespace Fulfillment.DeliveryService.Geo;

/// <summary>Distances and positions on a spherical Earth (good to about 0.5 %, plenty for an ETA).</summary>
public static class GreatCircle
{
    /// <summary>The IUGG mean Earth radius.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Haversine distance: numerically stable for the short distances of a city delivery.</summary>
    public static double DistanceKm(GeoPoint from, GeoPoint to) => EarthRadiusKm * AngularDistance(from, to);

    /// <summary>The point <paramref name="fraction"/> of the way from <paramref name="from"/> to <paramref name="to"/> along the great circle.</summary>
    public static GeoPoint Interpolate(GeoPoint from, GeoPoint to, double fraction)
    {
        if (fraction <= 0)
        {
            return from;
        }

        if (fraction >= 1)
        {
            return to;
        }

        var delta = AngularDistance(from, to);
        var sinDelta = Math.Sin(delta);
        if (sinDelta < 1e-12)
        {
            // Same point (or antipodes, where every great circle qualifies): nothing sensible to interpolate.
            return fraction < 0.5 ? from : to;
        }

        var (lat1, lon1) = (Radians(from.Latitude), Radians(from.Longitude));
        var (lat2, lon2) = (Radians(to.Latitude), Radians(to.Longitude));
        var a = Math.Sin((1 - fraction) * delta) / sinDelta;
        var b = Math.Sin(fraction * delta) / sinDelta;
        var x = (a * Math.Cos(lat1) * Math.Cos(lon1)) + (b * Math.Cos(lat2) * Math.Cos(lon2));
        var y = (a * Math.Cos(lat1) * Math.Sin(lon1)) + (b * Math.Cos(lat2) * Math.Sin(lon2));
        var z = (a * Math.Sin(lat1)) + (b * Math.Sin(lat2));
        return new GeoPoint(Degrees(Math.Atan2(z, Math.Sqrt((x * x) + (y * y)))), Degrees(Math.Atan2(y, x)));
    }

    private static double AngularDistance(GeoPoint from, GeoPoint to)
    {
        var lat1 = Radians(from.Latitude);
        var lat2 = Radians(to.Latitude);
        var dLat = lat2 - lat1;
        var dLon = Radians(to.Longitude - from.Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * Math.Asin(Math.Sqrt(Math.Min(1, h)));
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Degrees(double radians) => radians * 180 / Math.PI;
}
