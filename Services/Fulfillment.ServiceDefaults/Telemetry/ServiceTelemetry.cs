using Fulfillment.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Fulfillment.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for every service, through OpenTelemetry.Extensions.Hosting: the platform's own spans and meters
/// (every <c>Fulfillment*</c> activity source and meter, such as the Kafka hops and counters of Fulfillment.Messaging),
/// ASP.NET Core's and HttpClient's spans and metrics, and the .NET runtime's metrics. Metrics are always served in
/// Prometheus text on <c>/metrics</c> (<see cref="ServiceDefaultsExtensions.MapDefaultEndpoints"/>); traces and
/// metrics are also exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Other libraries add their own
/// instrumentation with <c>ConfigureOpenTelemetryTracerProvider</c>/<c>ConfigureOpenTelemetryMeterProvider</c>
/// (Fulfillment.Messaging adds Npgsql's).
/// </summary>
/// <remarks>
/// The tracer provider exists only when spans go somewhere (that exporter, or what a test or host adds through
/// <see cref="ServiceDefaultsBuilder.ConfigureTracing"/>): a provider samples every span of its sources, and a span
/// nobody collects would cost every Kafka record an activity and its tags for nothing. The W3C <c>traceparent</c> is
/// carried in Kafka headers either way (Fulfillment.Messaging's ChassisTelemetry).
/// </remarks>
internal static class ServiceTelemetry
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Every activity source and meter of the platform starts with this.</summary>
    private const string PlatformPrefix = "Fulfillment*";

    public static void AddServiceTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName, Action<TracerProviderBuilder>? configure)
    {
        var export = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PlatformPrefix)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (export)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (!export && configure is null)
        {
            return;
        }

        telemetry.WithTracing(tracing =>
        {
            tracing.AddSource(PlatformPrefix)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation();
            if (export)
            {
                tracing.AddOtlpExporter();
            }

            configure?.Invoke(tracing);
        });
    }

    /// <summary>Scrapes and health probes arrive every few seconds and say nothing about an order: no trace for them.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");
}
