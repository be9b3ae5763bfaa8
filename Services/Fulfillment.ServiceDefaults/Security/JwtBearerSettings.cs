namespace Fulfillment.ServiceDefaults.Security;

/// <summary>
/// ASP.NET Core's own JWT bearer section (<c>Authentication:Schemes:Bearer</c>), which <c>AddJwtBearer()</c> reads by
/// itself; read here too, to tell whether authentication is on (it names an authority, issuer or audience) and to
/// refuse to start with a configuration that could validate nothing or would accept tokens issued for anyone.
/// </summary>
public sealed class JwtBearerSettings
{
    public const string SectionName = "Authentication:Schemes:Bearer";

    /// <summary>The identity provider (OpenID Connect discovery at <c>{Authority}/.well-known/openid-configuration</c>): its keys and issuer.</summary>
    public string? Authority { get; set; }

    /// <summary>Where the discovery document is, when not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Off only for a local provider over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public string? ValidIssuer { get; set; }

    public string[] ValidIssuers { get; set; } = [];

    public string? ValidAudience { get; set; }

    /// <summary>The audiences a token must name one of (this service's API).</summary>
    public string[] ValidAudiences { get; set; } = [];

    /// <summary>Symmetric keys for local use (<c>dotnet user-jwts</c>, a test key), each tied to an issuer.</summary>
    public List<JwtSigningKey> SigningKeys { get; set; } = [];

    /// <summary>What is wrong with an enabled configuration; empty when it can work.</summary>
    public IEnumerable<string> Problems()
    {
        var issuers = ValidIssuers.Append(ValidIssuer).OfType<string>().ToList();
        if (Authority is null && MetadataAddress is null && SigningKeys.Count == 0)
        {
            yield return $"{SectionName}: set Authority (an identity provider) or SigningKeys (local use): nothing could verify a token.";
        }

        if (string.IsNullOrEmpty(ValidAudience) && !ValidAudiences.Any(audience => !string.IsNullOrEmpty(audience)))
        {
            yield return $"{SectionName}: set ValidAudiences: without one a token issued for any API would be accepted.";
        }

        foreach (var key in SigningKeys)
        {
            if (string.IsNullOrEmpty(key.Value) || key.Issuer is null || !issuers.Contains(key.Issuer, StringComparer.Ordinal))
            {
                yield return $"{SectionName}:SigningKeys: each key needs a Value (base64) and an Issuer listed in ValidIssuer/ValidIssuers.";
            }
            else if (!Convert.TryFromBase64String(key.Value, new byte[key.Value.Length], out var length) || length < 32)
            {
                // Otherwise every request with a token would fail with a 500 (the handler decodes keys per request).
                yield return $"{SectionName}:SigningKeys: the key of issuer {key.Issuer} must be base64 of at least 32 bytes (HS256).";
            }
        }
    }
}
