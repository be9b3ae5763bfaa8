namespace Fulfillment.PaymentService.Gateway;

/// <summary>
/// What the gateway is asked to give back: the whole amount of an authorization. <see cref="IdempotencyKey"/> is the
/// payment id: a refund retried after a lost answer or a rolled-back commit is the same refund, not a second one.
/// </summary>
public sealed record RefundRequest(string IdempotencyKey, string AuthCode, decimal Amount, string Currency);
