using Fulfillment.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Fulfillment.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry for every service: traces of the platform's own spans (every <c>Fulfillment*</c> activity source,
/// such as the Kafka hops of Fulfillment.Messaging) and ASP.NET Core's request spans, and the <c>Fulfillment*</c> meters. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Spans are recorded only when
/// they go somewhere (that exporter, or what a test or host adds through <see cref="ServiceDefaultsBuilder.ConfigureTracing"/>):
/// a span nobody collects would cost every record an activity and its tags for nothing. The W3C <c>traceparent</c> is
/// carried in Kafka headers either way (Fulfillment.Messaging's ChassisTelemetry).
/// </summary>
internal static class ServiceTelemetry
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Every activity source and meter of the platform starts with this.</summary>
    private const string PlatformPrefix = "Fulfillment*";

    public static void AddServiceTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName, Action<TracerProviderBuilder>? configure)
    {
        var export = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        if (export || configure is not null)
        {
            services.AddSingleton(_ =>
            {
                var builder = Sdk.CreateTracerProviderBuilder()
                    .SetResourceBuilder(resource)
                    .AddSource(PlatformPrefix, "Microsoft.AspNetCore");
                if (export)
                {
                    builder.AddOtlpExporter();
                }

                configure?.Invoke(builder);
                return builder.Build();
            });
        }

        services.AddSingleton(provider =>
        {
            var builder = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(PlatformPrefix);
            if (export)
            {
                builder.AddOtlpExporter();
            }

            return builder.Build();
        });
        services.AddHostedService<TelemetryActivation>();
    }

    /// <summary>Builds the providers at start-up so that the first request is already traced.</summary>
    private sealed class TelemetryActivation(IServiceProvider services, MeterProvider metrics) : IHostedService
    {
        private readonly TracerProvider? _tracing = services.GetService<TracerProvider>();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _tracing?.ForceFlush(2000);
            metrics.ForceFlush(2000);
            return Task.CompletedTask;
        }
    }
}
