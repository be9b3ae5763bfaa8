using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Fulfillment.Messaging.Tests.Support;

public sealed class CapturingSink : ILogEventSink
{
    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);
}
