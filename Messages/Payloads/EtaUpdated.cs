namespace Fulfillment.Messages;

/// <summary><c>eta.updated</c>: the ETA recomputed as the driver moved; <see cref="Sequence"/> grows per delivery.</summary>
public sealed record EtaUpdated(
    string DeliveryId,
    string DriverId,
    int Sequence,
    GeoPoint DriverPosition,
    double RemainingKm,
    DateTimeOffset EstimatedArrival);
