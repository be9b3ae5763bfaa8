using Fulfillment.Messages;

namespace Fulfillment.DeliveryService.Persistence;

/// <summary>A row of <c>deliveries</c>: one per order, from payment authorization to arrival.</summary>
public sealed class Delivery
{
    public Guid DeliveryId { get; set; }

    public required string OrderId { get; set; }

    public required string Status { get; set; }

    public string? DriverId { get; set; }

    public double DestinationLatitude { get; set; }

    public double DestinationLongitude { get; set; }

    public double? DriverLatitude { get; set; }

    public double? DriverLongitude { get; set; }

    /// <summary>Great-circle distance from the driver to the destination at assignment.</summary>
    public double? DistanceKm { get; set; }

    public double? RemainingKm { get; set; }

    public DateTimeOffset? EstimatedArrival { get; set; }

    /// <summary>Sequence of the last ETA published: 0 at assignment, then one more per eta.updated.</summary>
    public int Sequence { get; set; }

    public required string CorrelationId { get; set; }

    /// <summary>The eventId of the payment.authorized that created the delivery: the cause of every event it emits.</summary>
    public required string CausationId { get; set; }

    /// <summary>W3C trace context of the event that created the delivery; the ticker's events continue it.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>When the driver's position was last advanced (the time the next advance is measured from).</summary>
    public DateTimeOffset? LastUpdateAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public GeoPoint Destination => new(DestinationLatitude, DestinationLongitude);

    public GeoPoint? DriverPosition =>
        DriverLatitude is { } latitude && DriverLongitude is { } longitude ? new GeoPoint(latitude, longitude) : null;
}
