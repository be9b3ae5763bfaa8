namespace Fulfillment.EndToEnd.Tests.Api;

public sealed record OrderDelivery(string? DeliveryId, string? DriverId, DateTimeOffset? Eta, int? EtaSequence, DateTimeOffset? AssignedAt,
    DateTimeOffset? FailedAt = null,
    string? FailureCode = null,
    string? FailureReason = null);
