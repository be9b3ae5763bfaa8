namespace Fulfillment.Messages;

/// <summary><c>payment.failed</c>: the gateway declined; inventory-service releases the stock.</summary>
public sealed record PaymentFailed(string PaymentId, decimal Amount, string Currency, string Reason);
