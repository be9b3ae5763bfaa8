using System.Globalization;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Fulfillment.ServiceDefaults.Logging;

/// <summary>
/// Serilog for every service, web host or not (Serilog.Extensions.Hosting's <c>AddSerilog</c>): human-readable lines by
/// default, compact JSON (CLEF, one object per line) with <c>Logging:Format=json</c>. Every property pushed as a logging
/// scope (the consumer host's eventId, eventType, orderId, correlationId, traceId) and the current span's trace and span
/// id (<c>@tr</c>, <c>@sp</c>, and <c>traceId</c>/<c>spanId</c>) land on each line written while a record or request is handled.
/// </summary>
internal static class ServiceLogging
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {service} {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static IHostApplicationBuilder AddServiceLogging(
        this IHostApplicationBuilder builder, string serviceName, Action<LoggerConfiguration>? configure = null)
    {
        var configuration = builder.Configuration;
        var json = string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase);
        builder.Services.AddSerilog((services, logging) =>
        {
            logging
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
                // Readiness polls during start-up would log every "not ready yet" as an error; /health/ready says it.
                .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Fatal)
                // Serilog:MinimumLevel, Serilog:WriteTo, ... (Serilog.Settings.Configuration) outrank the defaults above.
                .ReadFrom.Configuration(configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.With<TraceIdEnricher>()
                .Enrich.WithProperty("service", serviceName);
            if (json)
            {
                logging.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logging.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture);
            }

            configure?.Invoke(logging);
        }, preserveStaticLogger: true);
        return builder;
    }
}
