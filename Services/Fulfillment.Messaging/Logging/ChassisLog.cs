using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Fulfillment.Messaging;

/// <summary>The chassis' log lines, source-generated.</summary>
internal static partial class ChassisLog
{
    [LoggerMessage(1001, LogLevel.Debug, "librdkafka [{Facility}] {Message}")]
    public static partial void KafkaClientLog(ILogger logger, string facility, string message);

    [LoggerMessage(1002, LogLevel.Warning, "Kafka client error {Code}: {Reason}")]
    public static partial void KafkaClientError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(1101, LogLevel.Information, "Consumer group {ConsumerGroup} started on {Topics}")]
    public static partial void ConsumerStarted(ILogger logger, string consumerGroup, string topics);

    [LoggerMessage(1102, LogLevel.Information, "Consumer group {ConsumerGroup} stopped")]
    public static partial void ConsumerStopped(ILogger logger, string consumerGroup);

    [LoggerMessage(1103, LogLevel.Information, "Consumer group {ConsumerGroup} assigned {Partitions}")]
    public static partial void PartitionsAssigned(ILogger logger, string consumerGroup, string partitions);

    [LoggerMessage(1104, LogLevel.Information, "Consumer group {ConsumerGroup} gave up {Partitions} (committed: {Committed})")]
    public static partial void PartitionsRevoked(ILogger logger, string consumerGroup, string partitions, bool committed);

    [LoggerMessage(1105, LogLevel.Warning, "Consumer group {ConsumerGroup} could not read from Kafka: {Reason}")]
    public static partial void ConsumeError(ILogger logger, Exception exception, string consumerGroup, string reason);

    [LoggerMessage(1106, LogLevel.Warning, "Consumer group {ConsumerGroup} could not commit offsets: {Reason}")]
    public static partial void CommitFailed(ILogger logger, Exception exception, string consumerGroup, string reason);

    [LoggerMessage(1108, LogLevel.Information, "Consumer group {ConsumerGroup} paused {Partition}: its records wait for a full lane")]
    public static partial void PartitionPaused(ILogger logger, string consumerGroup, string partition);

    [LoggerMessage(1109, LogLevel.Information, "Consumer group {ConsumerGroup} resumed {Partitions}")]
    public static partial void PartitionsResumed(ILogger logger, string consumerGroup, string partitions);

    [LoggerMessage(1107, LogLevel.Critical, "A record lane of consumer group {ConsumerGroup} failed; stopping the service")]
    public static partial void LaneFailed(ILogger logger, Exception exception, string consumerGroup);

    [LoggerMessage(1201, LogLevel.Debug, "Event {HandledEventId} ({EventType}) already handled by {ConsumerGroup}; skipped")]
    public static partial void DuplicateSkipped(ILogger logger, Guid handledEventId, string eventType, string consumerGroup);

    [LoggerMessage(1202, LogLevel.Warning, "A batch of {Count} records in {ConsumerGroup} failed; handling them one by one")]
    public static partial void BatchFellBack(ILogger logger, Exception exception, string consumerGroup, int count);

    [LoggerMessage(1203, LogLevel.Error, "Record {Record} failed after {Attempts} attempts; dead-lettering it")]
    public static partial void RecordFailed(ILogger logger, Exception exception, string record, int attempts);

    [LoggerMessage(1204, LogLevel.Warning, "Record {Record} dead-lettered to {DeadLetterTopic} ({ExceptionType}, {RetryCount} retries): {Error}")]
    public static partial void DeadLettered(ILogger logger, string record, string deadLetterTopic, string exceptionType, int retryCount, string error);

    [LoggerMessage(1205, LogLevel.Warning, "Could not write record {Record} to {DeadLetterTopic}; it stays uncommitted and is retried")]
    public static partial void DeadLetterProduceFailed(ILogger logger, Exception exception, string record, string deadLetterTopic);

    [LoggerMessage(1206, LogLevel.Warning, "Database or Kafka unavailable while handling {Record}; retrying in {Delay}")]
    public static partial void InfrastructureUnavailable(ILogger logger, Exception exception, string record, TimeSpan delay);

    [LoggerMessage(1301, LogLevel.Error, "Outbox relay round failed; retrying")]
    public static partial void RelayFailed(ILogger logger, Exception exception);

    [LoggerMessage(1303, LogLevel.Information, "No outbox relay: {DbContext} maps no outbox, so this service publishes nothing")]
    public static partial void RelayNotNeeded(ILogger logger, string dbContext);

    [LoggerMessage(1302, LogLevel.Warning, "Outbox event {OutboxEventId} to {Topic} failed (attempt {Attempt}): {Error}")]
    public static partial void OutboxPublishFailed(ILogger logger, Guid outboxEventId, string topic, int attempt, string error);

    [LoggerMessage(1402, LogLevel.Information, "Applied migration {Migration}")]
    public static partial void MigrationApplied(ILogger logger, string migration);

    [LoggerMessage(1403, LogLevel.Information, "Created topic {Topic} with {Partitions} partitions")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions);

    [LoggerMessage(1404, LogLevel.Warning, "Could not create topics ({Reason}); assuming they exist or are auto-created")]
    public static partial void TopicCreationSkipped(ILogger logger, string reason);

    [LoggerMessage(1207, LogLevel.Error, "Raw record {Record} could not be handled by {ConsumerGroup} after its retries; skipped")]
    public static partial void RawRecordAbandoned(ILogger logger, Exception exception, string record, string consumerGroup);
}
