using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Fulfillment.ServiceDefaults.Security;

public static class JwtAuthenticationExtensions
{
    /// <summary>
    /// JWT bearer authentication, on only when <c>Authentication:Schemes:Bearer</c> names an authority, an issuer
    /// or an audience (<see cref="IsEnabled"/>; the section <c>dotnet user-jwts</c> writes, from which
    /// <c>AddJwtBearer()</c> binds Authority, ValidIssuer(s), ValidAudiences, SigningKeys and the rest). Registers the <see cref="SecurityPolicies.Customer"/> and
    /// <see cref="SecurityPolicies.Admin"/> policies either way: with authentication off they let every request
    /// through, so endpoints that require them behave exactly as without them. A configuration that is on but could
    /// not work fails the start.
    /// </summary>
    public static IHostApplicationBuilder AddJwtAuthentication(this IHostApplicationBuilder builder)
    {
        var enabled = IsEnabled(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(new JwtAuthenticationState(enabled));
        if (!enabled)
        {
            services.AddAuthorizationBuilder()
                .AddPolicy(SecurityPolicies.Customer, Open)
                .AddPolicy(SecurityPolicies.Admin, Open);
            return builder;
        }

        services.AddOptions<JwtBearerSettings>()
            .Bind(builder.Configuration.GetSection(JwtBearerSettings.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtBearerSettings>, JwtBearerSettingsValidation>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // After the section is bound: claims under their JWT names (sub, role), not WS-* URIs.
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = SecurityPolicies.SubjectClaim;
            options.TokenValidationParameters.RoleClaimType = SecurityPolicies.RoleClaims[0];
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(SecurityPolicies.Customer, policy => policy.RequireAuthenticatedUser().RequireClaim(SecurityPolicies.SubjectClaim))
            .AddPolicy(SecurityPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => context.User.IsAdmin()));
        return builder;
    }

    /// <summary>Authentication (when on) and authorization, after routing and before the endpoints. Call after <c>MapDefaultEndpoints</c>.</summary>
    public static WebApplication UseJwtAuthentication(this WebApplication app)
    {
        if (app.Services.GetRequiredService<JwtAuthenticationState>().Enabled)
        {
            app.UseAuthentication();
        }

        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// On when the bearer section names an identity provider, an issuer or an audience. Signing keys alone do not
    /// count: they are what <c>dotnet user-jwts</c> keeps in user secrets, which a Development run (the tests' too)
    /// loads whether or not that developer means to turn authentication on.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        var section = configuration.GetSection(JwtBearerSettings.SectionName);
        string[] names =
        [
            nameof(JwtBearerSettings.Authority), nameof(JwtBearerSettings.MetadataAddress), nameof(JwtBearerSettings.ValidIssuer),
            nameof(JwtBearerSettings.ValidIssuers), nameof(JwtBearerSettings.ValidAudience), nameof(JwtBearerSettings.ValidAudiences),
        ];
        return names.Any(name => section.GetSection(name).AsEnumerable().Any(pair => !string.IsNullOrEmpty(pair.Value)));
    }

    private static void Open(AuthorizationPolicyBuilder policy) => policy.RequireAssertion(_ => true);
}
