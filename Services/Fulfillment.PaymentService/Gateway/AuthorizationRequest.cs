namespace Fulfillment.PaymentService.Gateway;

/// <summary>
/// What the gateway is asked to authorize. <see cref="IdempotencyKey"/> is the order id: a real gateway deduplicates
/// on it, so a retry after a lost answer or a rolled-back commit does not charge twice.
/// </summary>
public sealed record AuthorizationRequest(string IdempotencyKey, string CustomerId, decimal Amount, string Currency);
