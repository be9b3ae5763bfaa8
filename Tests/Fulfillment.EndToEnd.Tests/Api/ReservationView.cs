namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>inventory-service's <c>GET /api/reservations/{orderId}</c> (the fields the tests read).</summary>
public sealed record ReservationView(string ReservationId, string OrderId, string Status, string? Reason, DateTimeOffset? ReleasedAt);
