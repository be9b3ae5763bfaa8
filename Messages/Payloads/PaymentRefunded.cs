namespace Fulfillment.Messages;

/// <summary>
/// <c>payment.refunded</c>: the gateway refunded an authorized payment because the order was cancelled or its
/// delivery failed. Emitted at most once per payment.
/// </summary>
public sealed record PaymentRefunded(string RefundId, string PaymentId, decimal Amount, string Currency, string Reason);
