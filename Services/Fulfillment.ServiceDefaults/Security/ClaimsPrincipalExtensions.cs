using System.Security.Claims;

namespace Fulfillment.ServiceDefaults.Security;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The authenticated token's <c>sub</c>; null when the request is anonymous (always, with authentication off).</summary>
    public static string? Subject(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst(SecurityPolicies.SubjectClaim)?.Value : null;

    /// <summary>Whether the token grants <see cref="SecurityPolicies.AdminRole"/>, under <c>role</c> or <c>roles</c>.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.Claims.Any(c => SecurityPolicies.RoleClaims.Contains(c.Type) && c.Value == SecurityPolicies.AdminRole);
}
