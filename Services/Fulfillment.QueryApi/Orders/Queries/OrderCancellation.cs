namespace Fulfillment.QueryApi.Orders.Queries;

/// <summary>
/// The customer's cancellation: when it was asked for and why, and when delivery-service accepted it (null while
/// pending, and for good when it came too late and the order went on; decision 0019).
/// </summary>
public sealed record OrderCancellation(DateTimeOffset? RequestedAt, string? Reason, DateTimeOffset? CancelledAt);
