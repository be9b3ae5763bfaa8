using Fulfillment.DeliveryService.Persistence;
using Fulfillment.Messages;

namespace Fulfillment.DeliveryService.Deliveries;

/// <summary>
/// A delivery's current state and every ETA it published, oldest first. A CANCELLED or FAILED delivery carries its
/// verdict's reason (and a FAILED one its code); one cancelled before its payment was authorized has no destination.
/// </summary>
public sealed record DeliveryView(
    string DeliveryId,
    string OrderId,
    string Status,
    string? DriverId,
    GeoPoint? DriverPosition,
    GeoPoint? Destination,
    double? DistanceKm,
    double? RemainingKm,
    DateTimeOffset? EstimatedArrival,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? DeliveredAt,
    string? FailureCode,
    string? Reason,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? FailedAt,
    IReadOnlyList<EtaPointView> History)
{
    public static DeliveryView From(Delivery delivery, IEnumerable<EtaHistoryEntry> history) => new(
        delivery.DeliveryId.ToString(),
        delivery.OrderId,
        delivery.Status,
        delivery.DriverId,
        delivery.DriverPosition,
        delivery.Destination,
        delivery.DistanceKm,
        delivery.RemainingKm,
        delivery.EstimatedArrival,
        delivery.CreatedAt,
        delivery.AssignedAt,
        delivery.DeliveredAt,
        delivery.FailureCode,
        delivery.Reason,
        delivery.CancelledAt,
        delivery.FailedAt,
        [.. history.OrderBy(h => h.Sequence).Select(h => new EtaPointView(
            h.Sequence, new GeoPoint(h.DriverLatitude, h.DriverLongitude), h.RemainingKm, h.EstimatedArrival, h.RecordedAt))]);
}
