namespace Fulfillment.DeliveryService.Assignment;

/// <summary>One driver of the pool and where it starts (decimal degrees).</summary>
public sealed class DriverOptions
{
    public string Id { get; set; } = string.Empty;

    public double Latitude { get; set; }

    public double Longitude { get; set; }
}
