using Fulfillment.Chassis.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Fulfillment.Chassis.Telemetry;

/// <summary>
/// OpenTelemetry for every service: traces of the chassis' own spans and ASP.NET Core's request spans, and the
/// chassis metrics. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Spans are recorded only when
/// they go somewhere (that exporter, or what a test or host adds through <see cref="ChassisBuilder.ConfigureTracing"/>):
/// a span nobody collects would cost every record an activity and its tags for nothing. The W3C <c>traceparent</c> is
/// carried in Kafka headers either way (<see cref="ChassisTelemetry"/>).
/// </summary>
internal static class ChassisTracing
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddChassisTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName, Action<TracerProviderBuilder>? configure)
    {
        var export = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName);
        if (export || configure is not null)
        {
            services.AddSingleton(_ =>
            {
                var builder = Sdk.CreateTracerProviderBuilder()
                    .SetResourceBuilder(resource)
                    .AddSource(ChassisTelemetry.SourceName, "Microsoft.AspNetCore");
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
                .AddMeter(ChassisMetrics.MeterName);
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
