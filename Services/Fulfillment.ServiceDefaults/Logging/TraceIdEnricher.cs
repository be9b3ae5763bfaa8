using Serilog.Core;
using Serilog.Events;

namespace Fulfillment.ServiceDefaults.Logging;

/// <summary>
/// Names the span context Serilog captured from <see cref="System.Diagnostics.Activity.Current"/> as
/// <c>traceId</c>/<c>spanId</c>, the names the platform's other context properties use, so one query finds an order's
/// lines in every service and both formats. Without a span (a Kafka record handled while no tracer records spans),
/// the consumer host's logging scope names the record's incoming trace as <c>traceId</c> instead.
/// </summary>
internal sealed class TraceIdEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.TraceId is { } traceId)
        {
            logEvent.AddPropertyIfAbsent(new LogEventProperty("traceId", new ScalarValue(traceId.ToHexString())));
        }

        if (logEvent.SpanId is { } spanId)
        {
            logEvent.AddPropertyIfAbsent(new LogEventProperty("spanId", new ScalarValue(spanId.ToHexString())));
        }
    }
}
