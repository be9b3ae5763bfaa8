namespace Fulfillment.WatcherBenchmark;

/// <summary>One watcher's update latencies of the current step (cleared between steps) and its stream failures.</summary>
public sealed class LatencyLog
{
    private readonly Lock _gate = new();
    private List<double> _milliseconds = [];
    private int _failures;

    public int Failures => Volatile.Read(ref _failures);

    public void Add(TimeSpan latency)
    {
        lock (_gate)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    public void Failed() => Interlocked.Increment(ref _failures);

    /// <summary>What was recorded since the last call.</summary>
    public List<double> Take()
    {
        lock (_gate)
        {
            var taken = _milliseconds;
            _milliseconds = [];
            return taken;
        }
    }
}
