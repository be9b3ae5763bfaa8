namespace Fulfillment.Messages;

/// <summary><c>delivery.assigned</c>: a driver is on the way, with the initial ETA.</summary>
public sealed record DeliveryAssigned(
    string DeliveryId,
    string DriverId,
    GeoPoint DriverPosition,
    GeoPoint Destination,
    double DistanceKm,
    DateTimeOffset EstimatedArrival);
