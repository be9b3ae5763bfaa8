using OpenTelemetry.Trace;
using Serilog;

namespace Fulfillment.ServiceDefaults.Hosting;

/// <summary>Adjustments to the defaults, made inside <see cref="ServiceDefaultsExtensions.AddServiceDefaults"/>'s callback.</summary>
public sealed class ServiceDefaultsBuilder
{
    internal Action<LoggerConfiguration>? LoggingOverrides { get; private set; }

    internal Action<TracerProviderBuilder>? TracingOverrides { get; private set; }

    /// <summary>Adjusts the Serilog configuration (extra sinks, levels) after the defaults.</summary>
    public ServiceDefaultsBuilder ConfigureLogging(Action<LoggerConfiguration> configure)
    {
        LoggingOverrides += configure;
        return this;
    }

    /// <summary>Adds to the OpenTelemetry tracer provider (an exporter, a processor, a source) after the defaults.</summary>
    public ServiceDefaultsBuilder ConfigureTracing(Action<TracerProviderBuilder> configure)
    {
        TracingOverrides += configure;
        return this;
    }
}
