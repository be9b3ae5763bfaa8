using Confluent.Kafka;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// Records the poll loop took from Kafka but could not hand to their lane because it stayed full, kept in partition
/// order while their partitions are paused. The poll loop goes on polling meanwhile, so a lane that waits out a
/// database outage neither blocks the other lanes nor makes the consumer miss <c>max.poll.interval.ms</c> and fall
/// out of its group.
/// </summary>
/// <remarks>Only the poll thread touches it (the rebalance callbacks run inside its <c>Consume</c> call).</remarks>
internal sealed class ParkedRecords
{
    private readonly Dictionary<TopicPartition, Queue<(ConsumedRecord Record, int Lane)>> _byPartition = [];
    private readonly Dictionary<int, int> _parkedPerLane = [];

    public bool IsEmpty => _byPartition.Count == 0;

    /// <summary>A partition with parked records: its later records must queue behind them to keep the key's order.</summary>
    public bool Holds(TopicPartition partition) => _byPartition.ContainsKey(partition);

    /// <summary>A lane that records already wait for: a newcomer for it parks at once instead of waiting again.</summary>
    public bool Waits(int lane) => _parkedPerLane.GetValueOrDefault(lane) > 0;

    /// <summary>Parks the record; true when its partition was not held before (the caller pauses it).</summary>
    public bool Park(ConsumedRecord record, int lane)
    {
        var partition = record.Result.TopicPartition;
        var isNew = !_byPartition.TryGetValue(partition, out var queue);
        if (isNew)
        {
            queue = new Queue<(ConsumedRecord, int)>();
            _byPartition[partition] = queue;
        }

        queue!.Enqueue((record, lane));
        _parkedPerLane[lane] = _parkedPerLane.GetValueOrDefault(lane) + 1;
        return isNew;
    }

    /// <summary>
    /// Hands parked records to their lanes, in partition order, while the lanes take them; returns the partitions whose
    /// records are all handed on (the caller resumes them).
    /// </summary>
    public List<TopicPartition> Release(RecordLane[] lanes)
    {
        var released = new List<TopicPartition>();
        foreach (var (partition, queue) in _byPartition)
        {
            while (queue.TryPeek(out var parked) && lanes[parked.Lane].TryEnqueue(parked.Record))
            {
                queue.Dequeue();
                _parkedPerLane[parked.Lane]--;
            }

            if (queue.Count == 0)
            {
                released.Add(partition);
            }
        }

        foreach (var partition in released)
        {
            _byPartition.Remove(partition);
        }

        return released;
    }

    /// <summary>
    /// Forgets the records of partitions no longer ours (the next owner reads them again); returns those that were
    /// held, which the caller resumes: librdkafka keeps a partition paused across a rebalance, so one assigned back to
    /// this consumer would otherwise never be fetched again.
    /// </summary>
    public List<TopicPartition> Drop(IEnumerable<TopicPartition> partitions)
    {
        var held = new List<TopicPartition>();
        foreach (var partition in partitions)
        {
            if (_byPartition.Remove(partition, out var queue))
            {
                held.Add(partition);
                foreach (var (_, lane) in queue)
                {
                    _parkedPerLane[lane]--;
                }
            }
        }

        return held;
    }
}
