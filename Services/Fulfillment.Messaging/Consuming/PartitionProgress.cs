using Confluent.Kafka;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// Tracks one assigned partition: which offsets are handed out and not yet done, and so which offset may be committed.
/// Records finish out of order across lanes; the committable offset is the lowest one still pending.
/// </summary>
internal sealed class PartitionProgress(TopicPartition partition)
{
    private readonly Lock _gate = new();
    private readonly SortedSet<long> _pending = [];
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _next = -1;
    private long _committed = -1;
    private int _active;
    private bool _revoked;

    public TopicPartition Partition { get; } = partition;

    public void Track(long offset)
    {
        lock (_gate)
        {
            _pending.Add(offset);
            _next = Math.Max(_next, offset + 1);
        }
    }

    public void Complete(long offset)
    {
        lock (_gate)
        {
            _pending.Remove(offset);
        }
    }

    /// <summary>Called by a lane before it works on a record; false once the partition has been taken away.</summary>
    public bool TryBeginWork()
    {
        lock (_gate)
        {
            if (_revoked)
            {
                return false;
            }

            _active++;
            return true;
        }
    }

    public void EndWork()
    {
        lock (_gate)
        {
            _active--;
            if (_revoked && _active == 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    /// <summary>Stops new work on the partition and completes when work already started has finished.</summary>
    public Task RevokeAsync()
    {
        lock (_gate)
        {
            _revoked = true;
            if (_active == 0)
            {
                _idle.TrySetResult();
            }

            return _idle.Task;
        }
    }

    /// <summary>The offset to commit (the next one to read), or null when nothing new is done.</summary>
    public TopicPartitionOffset? TakeCommittable()
    {
        lock (_gate)
        {
            var next = _pending.Count > 0 ? _pending.Min : _next;
            if (next < 0 || next <= _committed)
            {
                return null;
            }

            return new TopicPartitionOffset(Partition, next);
        }
    }

    public void MarkCommitted(long offset)
    {
        lock (_gate)
        {
            _committed = Math.Max(_committed, offset);
        }
    }
}
