using System.Diagnostics;

namespace Fulfillment.Messaging.Telemetry;

/// <summary>
/// The trace a unit of work continues: a recorded <see cref="System.Diagnostics.Activity"/> when something collects
/// traces, otherwise only the incoming <c>traceparent</c>, carried on unchanged to the events the work writes (so the
/// trace still joins up downstream, at no cost per record). Dispose it where the work ends.
/// </summary>
public readonly struct TraceScope : IDisposable
{
    private static readonly AsyncLocal<string?> Carried = new();

    private readonly string? _carriedBefore;
    private readonly bool _carrying;

    private TraceScope(Activity? activity, string? carriedBefore, bool carrying)
    {
        Activity = activity;
        _carriedBefore = carriedBefore;
        _carrying = carrying;
    }

    /// <summary>The recorded span, or null when nothing collects traces.</summary>
    public Activity? Activity { get; }

    /// <summary>The traceparent carried without a span, when there is one.</summary>
    internal static string? CarriedTraceParent => Carried.Value;

    internal static TraceScope Recorded(Activity activity) => new(activity, null, carrying: false);

    internal static TraceScope Carry(string? traceParent)
    {
        var before = Carried.Value;
        Carried.Value = traceParent;
        return new TraceScope(null, before, carrying: true);
    }

    public void Dispose()
    {
        if (_carrying)
        {
            Carried.Value = _carriedBefore;
        }

        Activity?.Dispose();
    }
}
