using System.Collections.Concurrent;

namespace Fulfillment.Messaging.Consuming;

/// <summary>Which consumer groups of this process currently own partitions (readiness reads it).</summary>
internal sealed class ConsumerGroupStatus
{
    private readonly ConcurrentDictionary<string, int> _assigned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _lag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<PartitionLag>> _partitionLag = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> AssignedPartitions => _assigned;

    /// <summary>Records behind the high watermark, per group, as of the last commit round.</summary>
    public IReadOnlyDictionary<string, long> Lag => _lag;

    /// <summary>The same per assigned partition, per group; a partition no longer assigned drops out.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PartitionLag>> PartitionLag => _partitionLag;

    public bool HasPartitions(string groupId) => _assigned.TryGetValue(groupId, out var count) && count > 0;

    internal void Register(string groupId) => _assigned.TryAdd(groupId, 0);

    internal void MarkAssigned(string groupId, int count) => _assigned.AddOrUpdate(groupId, count, (_, current) => current + count);

    internal void MarkRevoked(string groupId, int count) =>
        _assigned.AddOrUpdate(groupId, 0, (_, current) => Math.Max(0, current - count));

    internal void MarkStopped(string groupId)
    {
        _assigned[groupId] = 0;
        _partitionLag[groupId] = [];
    }

    internal void SetLag(string groupId, IReadOnlyList<PartitionLag> partitions)
    {
        _partitionLag[groupId] = partitions;
        _lag[groupId] = partitions.Sum(p => p.Lag);
    }
}
