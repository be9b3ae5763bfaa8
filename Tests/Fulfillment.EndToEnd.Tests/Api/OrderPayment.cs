namespace Fulfillment.EndToEnd.Tests.Api;

public sealed record OrderPayment(string? PaymentId, string? AuthCode, DateTimeOffset? AuthorizedAt, DateTimeOffset? FailedAt, string? FailureReason,
    string? RefundId = null,
    DateTimeOffset? RefundedAt = null);
