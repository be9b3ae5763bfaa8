using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Fulfillment.Messaging.Telemetry;

/// <summary>
/// Npgsql's spans (one per SQL statement) and its <c>db.client.*</c> metrics, added to the providers that
/// Fulfillment.ServiceDefaults builds: the database is messaging's, so its instrumentation is registered here. The
/// tracing part applies only when a tracer provider exists (something collects spans).
/// </summary>
internal static class DatabaseTelemetry
{
    public static IServiceCollection AddDatabaseTelemetry(this IServiceCollection services) =>
        services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql())
            .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddNpgsqlInstrumentation());
}
