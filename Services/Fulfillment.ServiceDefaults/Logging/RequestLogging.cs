using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Events;

namespace Fulfillment.ServiceDefaults.Logging;

/// <summary>
/// Serilog.AspNetCore's one line per request (method, path, status, elapsed), in place of ASP.NET Core's several. It
/// also names the request's <c>orderId</c> (from the route) and <c>correlationId</c> (the <c>X-Correlation-Id</c> the
/// service answered or was sent), like the lines of a handled record.
/// </summary>
internal static class RequestLogging
{
    public const string CorrelationIdHeader = "X-Correlation-Id";

    /// <summary>Polled by probes and scrapers every few seconds: a line each would drown the requests that matter.</summary>
    private static readonly PathString[] QuietPaths = ["/health", "/metrics"];

    public static IApplicationBuilder UseServiceRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            // This host's logger, not the static Log.Logger (left alone: tests run several hosts in one process).
            options.Logger = app.ApplicationServices.GetRequiredService<ILogger>();
            // A probe's 503 while a dependency is down is what /health/ready is for, not an error to log each poll.
            options.GetLevel = (http, _, exception) =>
                exception is null && Array.Exists(QuietPaths, path => http.Request.Path.StartsWithSegments(path)) ? LogEventLevel.Verbose
                : exception is not null || http.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                : LogEventLevel.Information;
            options.EnrichDiagnosticContext = (context, http) =>
            {
                if (http.GetRouteValue("orderId") is string orderId)
                {
                    context.Set("orderId", orderId);
                }

                var correlationId = http.Response.Headers[CorrelationIdHeader].FirstOrDefault()
                    ?? http.Request.Headers[CorrelationIdHeader].FirstOrDefault();
                if (!string.IsNullOrEmpty(correlationId))
                {
                    context.Set("correlationId", correlationId);
                }
            };
        });
}
