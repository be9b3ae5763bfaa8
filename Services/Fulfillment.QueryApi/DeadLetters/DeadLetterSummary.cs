namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>One dead letter in <c>GET /api/admin/dlq</c>: where it is, where it came from, why it failed.</summary>
/// <remarks>Not sealed: <see cref="DeadLetterDetails"/> is this and the record itself.</remarks>
public record DeadLetterSummary(
    long Id,
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    string? EventType,
    string? OriginalTopic,
    string? ConsumerGroup,
    string? ExceptionType,
    string? Error,
    int? RetryCount,
    DateTimeOffset? FailedAt,
    DateTimeOffset RecordedAt,
    DateTimeOffset? ReplayedAt,
    int ReplayCount);
