namespace Fulfillment.DeliveryService.Tests.Support;

/// <summary>An independent great-circle distance for expectations, so tests do not check the code against itself.</summary>
public static class Haversine
{
    public static double Km(double lat1, double lon1, double lat2, double lon2)
    {
        const double radius = 6371.0088;
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return radius * 2 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }
}
