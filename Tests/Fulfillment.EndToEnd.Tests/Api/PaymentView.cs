namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>payment-service's <c>GET /api/payments/{orderId}</c> (the fields the tests read).</summary>
public sealed record PaymentView(string PaymentId, string OrderId, decimal Amount, string Currency, string Status, string? AuthCode, string? DeclineReason,
    string? RefundId = null, DateTimeOffset? RefundedAt = null);
