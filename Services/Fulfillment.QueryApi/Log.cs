namespace Fulfillment.QueryApi;

/// <summary>query-api's log lines, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Debug, "Event {HandledEventId} ({EventType}) of order {OrderId} projected")]
    public static partial void EventProjected(ILogger logger, Guid handledEventId, string eventType, string orderId);

    [LoggerMessage(6002, LogLevel.Debug, "Event {HandledEventId} ({EventType}) of order {OrderId} is already in the timeline; nothing to merge")]
    public static partial void TimelineDuplicate(ILogger logger, Guid handledEventId, string eventType, string orderId);

    [LoggerMessage(6101, LogLevel.Warning, "Read model generation {Generation} requested (was {PreviousGeneration}): read-model tables truncated, consumer group {ConsumerGroup} rebuilds from the start of the topics")]
    public static partial void ReadModelRebuilding(ILogger logger, int generation, int previousGeneration, string consumerGroup);

    [LoggerMessage(6102, LogLevel.Information, "Read model generation {Generation}, consumer group {ConsumerGroup}")]
    public static partial void ReadModelGeneration(ILogger logger, int generation, string consumerGroup);

    [LoggerMessage(6201, LogLevel.Information, "Dead letter {Topic}[{Partition}]@{Offset} recorded (from {OriginalTopic}, group {ConsumerGroup}: {Error})")]
    public static partial void DeadLetterRecorded(ILogger logger, string topic, int partition, long offset, string? originalTopic, string? consumerGroup, string? error);

    [LoggerMessage(6202, LogLevel.Information, "Dead letter {Id} replayed to {Topic}[{Partition}]@{Offset} (replay {ReplayCount})")]
    public static partial void DeadLetterReplayed(ILogger logger, long id, string topic, int partition, long offset, int replayCount);

    [LoggerMessage(6203, LogLevel.Error, "Dead letter {Id} could not be replayed to {Topic}")]
    public static partial void DeadLetterReplayFailed(ILogger logger, Exception exception, long id, string topic);

    [LoggerMessage(6301, LogLevel.Warning, "Admin request {Method} {Path} refused: {Reason}")]
    public static partial void AdminRequestRefused(ILogger logger, string method, string path, string reason);
}
