namespace Fulfillment.PaymentService.Gateway;

/// <summary>The gateway's answer to a refund: its id, the same for every call with the same idempotency key.</summary>
public sealed record RefundResult(string RefundId);
