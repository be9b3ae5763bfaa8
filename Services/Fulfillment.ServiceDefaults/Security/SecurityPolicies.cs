namespace Fulfillment.ServiceDefaults.Security;

/// <summary>The authorization policies <see cref="JwtAuthenticationExtensions.AddJwtAuthentication"/> registers, and the claims they read.</summary>
public static class SecurityPolicies
{
    /// <summary>A customer's own requests: a valid token with a <c>sub</c>, the customer's id. Open when authentication is off.</summary>
    public const string Customer = "customer";

    /// <summary>Operator endpoints (dead letters): a valid token with the <see cref="AdminRole"/> role. Open when authentication is off.</summary>
    public const string Admin = "admin";

    /// <summary>The role value that <see cref="Admin"/> asks for, in a <c>role</c> or <c>roles</c> claim.</summary>
    public const string AdminRole = "admin";

    /// <summary>The token's subject: whom it was issued to, kept under its JWT name (inbound claim mapping is off).</summary>
    public const string SubjectClaim = "sub";

    /// <summary>Where identity providers put roles: <c>role</c> (dotnet user-jwts, Keycloak's mapper) or <c>roles</c> (Entra ID).</summary>
    public static readonly IReadOnlyList<string> RoleClaims = ["role", "roles"];
}
