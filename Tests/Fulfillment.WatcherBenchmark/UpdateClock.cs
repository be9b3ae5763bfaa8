using System.Collections.Concurrent;
using System.Diagnostics;

namespace Fulfillment.WatcherBenchmark;

/// <summary>When each (order, ETA sequence) was handed to Kafka, on this process's monotonic clock.</summary>
public sealed class UpdateClock
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<(string OrderId, int Sequence), TimeSpan> _sent = new();

    public TimeSpan Now => _clock.Elapsed;

    public void Sent(string orderId, int sequence, TimeSpan at) => _sent[(orderId, sequence)] = at;

    public TimeSpan? SentAt(string orderId, int sequence) => _sent.TryGetValue((orderId, sequence), out var at) ? at : null;
}
