namespace Fulfillment.ServiceDefaults.Security;

/// <summary>Whether <see cref="JwtAuthenticationExtensions.AddJwtAuthentication"/> turned authentication on (a singleton).</summary>
public sealed record JwtAuthenticationState(bool Enabled);
