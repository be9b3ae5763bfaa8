namespace Fulfillment.EndToEnd.Tests.Api;

public sealed record OrderInventory(
    string? ReservationId,
    DateTimeOffset? ReservedAt,
    DateTimeOffset? RejectedAt,
    string? RejectionReason,
    DateTimeOffset? ReleasedAt,
    string? ReleaseReason);
