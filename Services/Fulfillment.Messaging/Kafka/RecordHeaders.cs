namespace Fulfillment.Messaging.Kafka;

/// <summary>Header names of the contract (docs/event-contracts.md).</summary>
public static class RecordHeaders
{
    public const string EventId = "eventId";
    public const string EventType = "eventType";
    public const string CorrelationId = "correlationId";
    public const string TraceParent = "traceparent";
    public const string ContentType = "content-type";
    public const string JsonContentType = "application/json";

    public const string RetryCount = "x-retry-count";
    public const string OriginalTopic = "x-original-topic";
    public const string Error = "x-error";
    public const string OriginalPartition = "x-original-partition";
    public const string OriginalOffset = "x-original-offset";
    public const string ConsumerGroup = "x-consumer-group";
    public const string ExceptionType = "x-exception-type";
    public const string FailedAt = "x-failed-at";

    /// <summary>Headers the dead-letter step adds; a replay strips them so the record is as it first was.</summary>
    public static IReadOnlyList<string> DeadLetter { get; } =
        [RetryCount, OriginalTopic, Error, OriginalPartition, OriginalOffset, ConsumerGroup, ExceptionType, FailedAt];
}
