using System.Diagnostics;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Kafka;

namespace Fulfillment.Messaging.Telemetry;

/// <summary>
/// Traces: one trace per order, carried between services in the W3C <c>traceparent</c> header. Spans are recorded
/// only when something collects them (an OTLP exporter, or a collector a test adds); otherwise each hop carries the
/// incoming <c>traceparent</c> on unchanged, so the header is always written and the trace joins up downstream.
/// </summary>
public static class ChassisTelemetry
{
    public const string SourceName = "Fulfillment";

    public static ActivitySource Source { get; } = new(SourceName);

    internal static TraceScope StartConsume(ConsumedRecord record, string consumerGroup)
    {
        var parent = record.Result.Message.Headers.GetUtf8(RecordHeaders.TraceParent);
        var scope = Start($"{record.Topic} process", ActivityKind.Consumer, parent);
        if (scope.Activity is { IsAllDataRequested: true } activity)
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.destination.name", record.Topic);
            activity.SetTag("messaging.consumer.group.name", consumerGroup);
            activity.SetTag("messaging.kafka.offset", record.Result.Offset.Value);
            activity.SetTag("messaging.message.id", record.Read.Envelope?.EventId.ToString());
        }

        return scope;
    }

    /// <summary>Starts a span under <paramref name="traceParent"/> (or the current one), or carries the trace on.</summary>
    public static TraceScope Start(string name, ActivityKind kind, string? traceParent = null)
    {
        ActivityContext.TryParse(traceParent, null, out var parentContext);
        var activity = parentContext != default
            ? Source.StartActivity(name, kind, parentContext)
            : Source.StartActivity(name, kind);
        if (activity is not null)
        {
            return TraceScope.Recorded(activity);
        }

        // Nothing collects traces: no span, the incoming trace context goes on as it came (or the current one).
        return TraceScope.Carry(parentContext != default ? traceParent : CurrentTraceParentOrNull());
    }

    /// <summary>The traceparent to stamp on an event written now: the current span's, the carried one, or a fresh trace.</summary>
    public static string CurrentTraceParent() =>
        CurrentTraceParentOrNull()
        ?? $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    // A carried trace is set only by a TraceScope without a span, which is always the innermost scope.
    private static string? CurrentTraceParentOrNull() =>
        TraceScope.CarriedTraceParent ?? (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null);
}
