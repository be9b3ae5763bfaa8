namespace Fulfillment.PaymentService.Gateway;

/// <summary>The card processor. A decline is an answer; an unreachable gateway is an exception, retried by the caller.</summary>
public interface IPaymentGateway
{
    /// <exception cref="GatewayUnavailableException">No answer this time; the same request may succeed later.</exception>
    Task<AuthorizationResult> AuthorizeAsync(AuthorizationRequest request, CancellationToken cancellationToken);
}
