namespace Fulfillment.QueryApi.Orders.Queries;

/// <summary>The payment of an order: authorized (with its code) or failed (with the reason), and its refund.</summary>
public sealed record OrderPayment(
    string? PaymentId,
    string? AuthCode,
    DateTimeOffset? AuthorizedAt,
    DateTimeOffset? FailedAt,
    string? FailureReason,
    string? RefundId,
    DateTimeOffset? RefundedAt);
