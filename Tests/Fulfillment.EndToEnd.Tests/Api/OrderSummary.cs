namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>One order of query-api's <c>GET /api/orders</c> listing.</summary>
public sealed record OrderSummary(string OrderId, string Status, string? CustomerId);
