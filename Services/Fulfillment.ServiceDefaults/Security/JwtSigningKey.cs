namespace Fulfillment.ServiceDefaults.Security;

/// <summary>One entry of <c>Authentication:Schemes:Bearer:SigningKeys</c>, as <c>dotnet user-jwts</c> writes it.</summary>
public sealed class JwtSigningKey
{
    /// <summary>The issuer whose tokens this key verifies; it must be one of the valid issuers.</summary>
    public string? Issuer { get; set; }

    /// <summary>The symmetric key, base64. A secret: from user secrets, the environment or a Secret, never appsettings.json.</summary>
    public string? Value { get; set; }
}
