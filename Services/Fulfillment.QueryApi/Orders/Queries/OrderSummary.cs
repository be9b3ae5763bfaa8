namespace Fulfillment.QueryApi.Orders.Queries;

/// <summary>One order in <c>GET /api/orders</c>.</summary>
public sealed record OrderSummary(
    string OrderId,
    string Status,
    string? CustomerId,
    decimal? Total,
    string? Currency,
    string? DriverId,
    DateTimeOffset? Eta,
    DateTimeOffset? CreatedAt,
    DateTimeOffset LastEventAt,
    DateTimeOffset UpdatedAt);
