namespace Fulfillment.DeliveryService.Tracking;

/// <summary>The ETA model: constant speed along the great circle, times rounded to the millisecond.</summary>
public static class TravelTime
{
    /// <summary>Time to cover <paramref name="distanceKm"/> at <paramref name="speedKmh"/>, to the millisecond.</summary>
    /// <remarks>Whole milliseconds keep ETAs identical after a round trip through PostgreSQL (microseconds) and JSON.</remarks>
    public static TimeSpan For(double distanceKm, double speedKmh) =>
        TimeSpan.FromMilliseconds(Math.Round(Math.Max(0, distanceKm) / speedKmh * 3_600_000, MidpointRounding.AwayFromZero));

    /// <summary>Distance covered in <paramref name="elapsed"/> at <paramref name="speedKmh"/>.</summary>
    public static double DistanceKm(TimeSpan elapsed, double speedKmh) => Math.Max(0, elapsed.TotalHours) * speedKmh;
}
