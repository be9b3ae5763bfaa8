using Fulfillment.Messages;
using Fulfillment.ServiceDefaults.Cors;
using Fulfillment.ServiceDefaults.Health;
using Fulfillment.ServiceDefaults.Logging;
using Fulfillment.ServiceDefaults.OpenApi;
using Fulfillment.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Fulfillment.ServiceDefaults.Hosting;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// What every service has: its name, Serilog, OpenTelemetry, health checks, RFC 9457 problem details, the
    /// contracts' JSON options on HTTP, an OpenAPI document, and CORS for the origins of <c>Cors:AllowedOrigins</c>.
    /// Call first; messaging builds on it.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(
        this IHostApplicationBuilder builder, string serviceName, Action<ServiceDefaultsBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var defaults = new ServiceDefaultsBuilder();
        configure?.Invoke(defaults);

        builder.AddServiceLogging(serviceName, defaults.LoggingOverrides);
        var services = builder.Services;
        services.AddSingleton(new ServiceIdentity(serviceName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddServiceTelemetry(builder.Configuration, serviceName, defaults.TracingOverrides);
        services.AddHealthChecks();
        services.AddProblemDetails();
        services.AddBrowserCors(builder.Configuration);
        services.ConfigureHttpJsonOptions(json => FulfillmentJson.Configure(json.SerializerOptions));
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = serviceName;
            document.Info.Description =
                $"The HTTP API of {serviceName}. Every error is an RFC 9457 problem details body (application/problem+json).";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// The middleware and endpoints every service has: one request log line per request (Serilog), exceptions and bare
    /// error statuses answered as problem details, <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c>
    /// (Prometheus text), <c>/openapi/v1.json</c> and its reference UI at <c>/scalar</c>.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Outermost, so the line has the status the client got, also when the exception handler wrote it.
        app.UseServiceRequestLogging();
        // Before the endpoints: a preflight is answered here, and the endpoints' answers (problem details too) carry the headers.
        app.UseBrowserCors(app.Configuration);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapServiceHealth();
        app.MapPrometheusScrapingEndpoint();
        app.MapOpenApi();
        app.MapApiReference(app.Services.GetRequiredService<ServiceIdentity>().Name);
        return app;
    }
}
