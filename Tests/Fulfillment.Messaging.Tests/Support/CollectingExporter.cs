using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Fulfillment.Messaging.Tests.Support;

/// <summary>An OpenTelemetry exporter that keeps every finished span for the test to inspect.</summary>
public sealed class CollectingExporter : BaseExporter<Activity>
{
    public ConcurrentQueue<Activity> Spans { get; } = new();

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch)
        {
            Spans.Enqueue(span);
        }

        return ExportResult.Success;
    }
}
