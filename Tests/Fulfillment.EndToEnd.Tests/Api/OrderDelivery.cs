namespace Fulfillment.EndToEnd.Tests.Api;

public sealed record OrderDelivery(string? DeliveryId, string? DriverId, DateTimeOffset? Eta, int? EtaSequence, DateTimeOffset? AssignedAt);
