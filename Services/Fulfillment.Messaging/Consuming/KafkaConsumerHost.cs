using Confluent.Kafka;
using Fulfillment.Messaging.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// Runs one consumer group: a dedicated poll loop hands records to lanes by key, lanes handle them, and the poll loop
/// commits, per partition, the offset below which everything is done. Nothing is committed before its transaction
/// has committed, and on shutdown or rebalance only finished work is committed.
/// </summary>
internal sealed class KafkaConsumerHost(
    ConsumerGroupDefinition group,
    IRecordBatchProcessor processor,
    IOptions<KafkaOptions> kafka,
    IOptions<ConsumerOptions> options,
    ConsumerGroupStatus status,
    IHostApplicationLifetime lifetime,
    ILogger<KafkaConsumerHost> logger) : BackgroundService
{
    private readonly ConsumerOptions _options = options.Value;
    private readonly Dictionary<TopicPartition, PartitionProgress> _partitions = [];
    private readonly Lock _partitionsGate = new();
    private readonly ParkedRecords _parked = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(
            () => RunAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var batchSize = Math.Max(1, group.MaxBatchSize ?? _options.MaxBatchSize);
        // The queue stays as deep as the service-wide batch allows even when the group's batches are smaller: a lane
        // two records deep would block the poll thread, and with it every other lane, whenever one lane is busy.
        var queueCapacity = Math.Max(batchSize, Math.Max(1, _options.MaxBatchSize)) * 2;
        var lanes = Enumerable.Range(0, Math.Max(1, _options.MaxConcurrency))
            .Select(_ => new RecordLane(queueCapacity))
            .ToArray();
        var laneTasks = lanes
            .Select(lane => Task.Run(
                () => lane.RunAsync(
                    batchSize,
                    batch => ProcessAsync(batch, stoppingToken),
                    stoppingToken),
                CancellationToken.None))
            .Select(task => task.ContinueWith(
                failed =>
                {
                    // A lane only fails on a bug in the plumbing itself. Its records stay uncommitted; stop the
                    // service rather than sit on a stalled partition.
                    ChassisLog.LaneFailed(logger, failed.Exception!, group.GroupId);
                    lifetime.StopApplication();
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default))
            .ToArray();

        using var consumer = BuildConsumer();
        consumer.Subscribe(group.Topics);
        ChassisLog.ConsumerStarted(logger, group.GroupId, string.Join(", ", group.Topics));
        var nextCommit = DateTime.UtcNow + _options.CommitInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!_parked.IsEmpty)
                {
                    Resume(consumer, _parked.Release(lanes));
                }

                var result = Poll(consumer);
                if (result is { IsPartitionEOF: false } && TryGetProgress(result.TopicPartition, out var progress))
                {
                    progress.Track(result.Offset.Value);
                    Dispatch(consumer, lanes, new ConsumedRecord(result, progress), stoppingToken);
                }

                if (DateTime.UtcNow >= nextCommit)
                {
                    var partitions = Snapshot();
                    Commit(consumer, partitions);
                    status.SetLag(group.GroupId, Lag(consumer, partitions));
                    nextCommit = DateTime.UtcNow + _options.CommitInterval;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        finally
        {
            foreach (var lane in lanes)
            {
                lane.Close();
            }

            await Task.WhenAll(laneTasks);
            Commit(consumer, Snapshot());
            status.MarkStopped(group.GroupId);
            consumer.Close();
            ChassisLog.ConsumerStopped(logger, group.GroupId);
        }
    }

    /// <summary>
    /// Hands the record to its key's lane. A lane that stays full for <see cref="ConsumerOptions.LanePatience"/> (its
    /// batch waits out an outage, or is slow) gets the record parked and the record's partition paused, and the loop
    /// polls on: heartbeats, commits and the other lanes keep going, and the group keeps its partitions.
    /// </summary>
    private void Dispatch(IConsumer<string?, byte[]?> consumer, RecordLane[] lanes, ConsumedRecord record, CancellationToken stoppingToken)
    {
        var lane = LaneOf(record.Result, lanes.Length);
        var partition = record.Result.TopicPartition;
        if (!_parked.Holds(partition) && !_parked.Waits(lane)
            && lanes[lane].TryEnqueue(record, _options.LanePatience, stoppingToken))
        {
            return;
        }

        if (_parked.Park(record, lane))
        {
            consumer.Pause([partition]);
            ChassisLog.PartitionPaused(logger, group.GroupId, partition.ToString());
        }
    }

    private void Resume(IConsumer<string?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            return;
        }

        // librdkafka fetches a resumed partition from the position after the last record it handed out, which is the
        // last one parked: nothing is skipped and nothing is read twice.
        consumer.Resume(partitions);
        ChassisLog.PartitionsResumed(logger, group.GroupId, string.Join(", ", partitions));
    }

    private ConsumeResult<string?, byte[]?>? Poll(IConsumer<string?, byte[]?> consumer)
    {
        try
        {
            return consumer.Consume(TimeSpan.FromMilliseconds(100));
        }
        catch (ConsumeException ex)
        {
            // librdkafka reports broker and fetch errors here; they are retried internally, the loop goes on.
            ChassisLog.ConsumeError(logger, ex, group.GroupId, ex.Error.Reason);
            return null;
        }
    }

    private async Task ProcessAsync(IReadOnlyList<ConsumedRecord> batch, CancellationToken cancellationToken)
    {
        // Work only on records whose partition is still ours; the rest belong to whoever owns it now.
        var started = new HashSet<PartitionProgress>();
        var owned = new List<ConsumedRecord>(batch.Count);
        foreach (var record in batch)
        {
            if (started.Contains(record.Progress) || (record.Progress.TryBeginWork() && started.Add(record.Progress)))
            {
                owned.Add(record);
            }
        }

        try
        {
            if (owned.Count > 0)
            {
                await processor.ProcessAsync(owned, cancellationToken);
            }
        }
        finally
        {
            foreach (var progress in started)
            {
                progress.EndWork();
            }
        }
    }

    private IConsumer<string?, byte[]?> BuildConsumer()
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = kafka.Value.BootstrapServers,
            GroupId = group.GroupId,
            ClientId = group.GroupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = Enum.Parse<AutoOffsetReset>(_options.AutoOffsetReset, ignoreCase: true),
            SessionTimeoutMs = _options.SessionTimeoutMs,
            MaxPollIntervalMs = _options.MaxPollIntervalMs,
            FetchWaitMaxMs = _options.FetchWaitMaxMs,
            EnablePartitionEof = false,
        };

        return new ConsumerBuilder<string?, byte[]?>(config)
            .SetLogHandler((_, message) => ChassisLog.KafkaClientLog(logger, message.Facility, message.Message))
            .SetErrorHandler((_, error) => ChassisLog.KafkaClientError(logger, error.Code, error.Reason))
            .SetPartitionsAssignedHandler((_, assigned) => OnAssigned(assigned))
            .SetPartitionsRevokedHandler((c, revoked) => OnRevoked(c, revoked, commit: true))
            .SetPartitionsLostHandler((c, lost) => OnRevoked(c, lost, commit: false))
            .Build();
    }

    private void OnAssigned(List<TopicPartition> assigned)
    {
        lock (_partitionsGate)
        {
            foreach (var partition in assigned)
            {
                _partitions[partition] = new PartitionProgress(partition);
            }
        }

        status.MarkAssigned(group.GroupId, assigned.Count);
        ChassisLog.PartitionsAssigned(logger, group.GroupId, string.Join(", ", assigned));
    }

    private void OnRevoked(IConsumer<string?, byte[]?> consumer, List<TopicPartitionOffset> revoked, bool commit)
    {
        // Still assigned while this callback runs, so they can be resumed now, before anyone gets them back paused.
        try
        {
            Resume(consumer, _parked.Drop(revoked.Select(r => r.TopicPartition)));
        }
        catch (KafkaException ex)
        {
            ChassisLog.ConsumeError(logger, ex, group.GroupId, ex.Error.Reason);
        }

        List<PartitionProgress> leaving;
        lock (_partitionsGate)
        {
            leaving = [.. revoked.Select(r => _partitions.GetValueOrDefault(r.TopicPartition)).OfType<PartitionProgress>()];
            foreach (var partition in revoked)
            {
                _partitions.Remove(partition.TopicPartition);
            }
        }

        // Let work already started finish (its transaction decides), then commit exactly what finished.
        Task.WhenAll(leaving.Select(p => p.RevokeAsync())).GetAwaiter().GetResult();
        if (commit)
        {
            Commit(consumer, leaving);
        }

        status.MarkRevoked(group.GroupId, revoked.Count);
        ChassisLog.PartitionsRevoked(logger, group.GroupId, string.Join(", ", revoked.Select(r => r.TopicPartition)), commit);
    }

    private bool TryGetProgress(TopicPartition partition, out PartitionProgress progress)
    {
        lock (_partitionsGate)
        {
            return _partitions.TryGetValue(partition, out progress!);
        }
    }

    private List<PartitionProgress> Snapshot()
    {
        lock (_partitionsGate)
        {
            return [.. _partitions.Values];
        }
    }

    private void Commit(IConsumer<string?, byte[]?> consumer, IEnumerable<PartitionProgress> partitions)
    {
        var offsets = partitions.Select(p => p.TakeCommittable()).OfType<TopicPartitionOffset>().ToList();
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            lock (_partitionsGate)
            {
                foreach (var offset in offsets)
                {
                    _partitions.GetValueOrDefault(offset.TopicPartition)?.MarkCommitted(offset.Offset.Value);
                }
            }
        }
        catch (KafkaException ex)
        {
            // Not committed now means committed next time, or read again by the next owner and skipped by the inbox.
            ChassisLog.CommitFailed(logger, ex, group.GroupId, ex.Error.Reason);
        }
    }

    /// <summary>
    /// High watermark less position, per partition, from what the client already knows: the watermark comes with
    /// every fetch response and the position is local, so this costs no broker round trip.
    /// </summary>
    private static List<PartitionLag> Lag(IConsumer<string?, byte[]?> consumer, List<PartitionProgress> partitions)
    {
        var lags = new List<PartitionLag>(partitions.Count);
        foreach (var partition in partitions)
        {
            var high = consumer.GetWatermarkOffsets(partition.Partition).High;
            var position = consumer.Position(partition.Partition);
            if (!high.IsSpecial && !position.IsSpecial)
            {
                lags.Add(new PartitionLag(partition.Partition.Topic, partition.Partition.Partition.Value, Math.Max(0, high.Value - position.Value)));
            }
        }

        return lags;
    }

    private static int LaneOf(ConsumeResult<string?, byte[]?> result, int laneCount)
    {
        var hash = result.Message.Key is { } key
            ? StringComparer.Ordinal.GetHashCode(key)
            : result.Partition.Value;
        return (int)((uint)hash % (uint)laneCount);
    }
}
