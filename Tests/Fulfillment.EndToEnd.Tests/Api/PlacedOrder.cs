namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>order-service's answer to <c>POST /api/orders</c> (the fields the tests read).</summary>
public sealed record PlacedOrder(string OrderId, string Status, string CustomerId, decimal Total, string Currency, string CorrelationId);
