namespace Fulfillment.QueryApi.Orders.Queries;

/// <summary>The stock side of an order: reservation, rejection, or release (compensation).</summary>
public sealed record OrderInventory(
    string? ReservationId,
    string? Warehouse,
    DateTimeOffset? ReservedAt,
    DateTimeOffset? RejectedAt,
    string? RejectionReason,
    DateTimeOffset? ReleasedAt,
    string? ReleaseReason);
