using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.ServiceDefaults.Cors;

/// <summary>CORS for the configured origins only (<see cref="BrowserCorsOptions"/>); nothing at all when none is configured.</summary>
public static class BrowserCors
{
    /// <summary>Headers a page may read from an answer: where the order is, and its correlation id.</summary>
    private static readonly string[] ExposedHeaders = ["Location", "X-Correlation-Id"];

    private static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddBrowserCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        if (origins.Length == 0)
        {
            return services;
        }

        // Any request header (Content-Type, Idempotency-Key, X-Correlation-Id, ...); no credentials: the APIs use none.
        return services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(PreflightMaxAge)));
    }

    public static IApplicationBuilder UseBrowserCors(this IApplicationBuilder app, IConfiguration configuration) =>
        AllowedOrigins(configuration).Length == 0 ? app : app.UseCors();

    private static string[] AllowedOrigins(IConfiguration configuration) =>
        [.. (configuration.GetSection(BrowserCorsOptions.SectionName).Get<BrowserCorsOptions>()?.AllowedOrigins ?? [])
            .Select(origin => origin.Trim().TrimEnd('/'))
            .Where(origin => origin.Length > 0)];
}
