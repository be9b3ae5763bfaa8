using Fulfillment.Messages;

namespace Fulfillment.QueryApi.Orders.Queries;

/// <summary>The delivery of an order: driver, the ETA of the highest sequence seen, and the hand-over; or why it failed.</summary>
public sealed record OrderDelivery(
    string? DeliveryId,
    string? DriverId,
    DateTimeOffset? Eta,
    int? EtaSequence,
    GeoPoint? DriverPosition,
    double? RemainingKm,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? FailedAt,
    string? FailureCode,
    string? FailureReason);
