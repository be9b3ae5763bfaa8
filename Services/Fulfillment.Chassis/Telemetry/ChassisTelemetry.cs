using System.Diagnostics;
using Fulfillment.Chassis.Consuming;
using Fulfillment.Chassis.Kafka;

namespace Fulfillment.Chassis.Telemetry;

/// <summary>
/// Traces: one trace per order, carried between services in the W3C <c>traceparent</c> header. An activity is created
/// even when no listener is attached, so the header is always written and a trace can be joined downstream.
/// </summary>
public static class ChassisTelemetry
{
    public const string SourceName = "Fulfillment";

    public static ActivitySource Source { get; } = new(SourceName);

    internal static Activity? StartConsume(ConsumedRecord record, string consumerGroup)
    {
        var parent = record.Result.Message.Headers.GetUtf8(RecordHeaders.TraceParent);
        var activity = Start($"{record.Topic} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", record.Topic);
        activity?.SetTag("messaging.consumer.group.name", consumerGroup);
        activity?.SetTag("messaging.kafka.offset", record.Result.Offset.Value);
        activity?.SetTag("messaging.message.id", record.Read.Envelope?.EventId.ToString());
        return activity;
    }

    /// <summary>Starts an activity under <paramref name="traceParent"/> (or the current one).</summary>
    public static Activity Start(string name, ActivityKind kind, string? traceParent = null)
    {
        ActivityContext.TryParse(traceParent, null, out var parentContext);
        var activity = parentContext != default
            ? Source.StartActivity(name, kind, parentContext)
            : Source.StartActivity(name, kind);
        if (activity is not null)
        {
            return activity;
        }

        // Nobody listens: still carry the trace, with an activity of our own.
        var unobserved = new Activity(name);
        if (parentContext != default)
        {
            unobserved.SetParentId(parentContext.TraceId, parentContext.SpanId, parentContext.TraceFlags);
        }

        unobserved.SetIdFormat(ActivityIdFormat.W3C);
        return unobserved.Start();
    }

    /// <summary>The traceparent to stamp on an event written now: the current activity's, or a fresh trace.</summary>
    public static string CurrentTraceParent()
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            return id;
        }

        return $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";
    }
}
