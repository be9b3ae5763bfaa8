namespace Fulfillment.PaymentService.Gateway;

/// <summary>The card processor. A decline is an answer; an unreachable gateway is an exception, retried by the caller.</summary>
public interface IPaymentGateway
{
    /// <exception cref="GatewayUnavailableException">No answer this time; the same request may succeed later.</exception>
    Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken);

    /// <summary>Gives an authorization's whole amount back; the same idempotency key always means the same refund.</summary>
    /// <exception cref="RefundUnavailableException">No answer this time; the same request may succeed later.</exception>
    Task<RefundResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken);
}
