namespace Fulfillment.PaymentService.Gateway;

/// <summary>The gateway's answer: approved with an authorization code, or declined with a reason.</summary>
public sealed record AuthorizationResult(bool Approved, string? AuthCode, string? DeclineReason)
{
    public static AuthorizationResult Approve(string authCode) => new(true, authCode, null);

    public static AuthorizationResult Decline(string reason) => new(false, null, reason);
}
