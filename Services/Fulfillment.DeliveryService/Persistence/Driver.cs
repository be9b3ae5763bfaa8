using Fulfillment.Messages;

namespace Fulfillment.DeliveryService.Persistence;

/// <summary>A row of <c>drivers</c>.</summary>
public sealed class Driver
{
    public required string DriverId { get; set; }

    public double Latitude { get; set; }

    public double Longitude { get; set; }

    /// <summary>The delivery the driver is on; null when free.</summary>
    public Guid? ActiveDeliveryId { get; set; }

    /// <summary>When the driver last became free: the tie-break among equally near drivers favours the longest idle.</summary>
    public DateTimeOffset IdleSince { get; set; }

    public int DeliveriesCompleted { get; set; }

    public GeoPoint Position => new(Latitude, Longitude);
}
