using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Fulfillment.ServiceDefaults.Logging;

/// <summary>
/// Serilog for every service: structured, plain text by default or JSON with <c>Logging:Format=json</c>. Every
/// property pushed by the messaging consumer host (eventId, eventType, orderId, correlationId) lands on each line written
/// while a record is handled.
/// </summary>
internal static class ServiceLogging
{
    private const string TextTemplate =
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {service} {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}";

    public static IHostApplicationBuilder AddServiceLogging(
        this IHostApplicationBuilder builder, string serviceName, Action<LoggerConfiguration>? configure = null)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("MassTransit", LogEventLevel.Warning)
            // Readiness polls during start-up would log every "not ready yet" as an error; /health/ready says it.
            .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Fatal)
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("service", serviceName);

        configuration = string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase)
            ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : configuration.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        configure?.Invoke(configuration);

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);
        return builder;
    }
}
