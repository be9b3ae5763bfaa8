namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>One dead letter of <c>GET /api/admin/dlq</c>.</summary>
public sealed record DeadLetterSummary(
    long Id,
    string Topic,
    string? Key,
    string? EventType,
    string? OriginalTopic,
    string? ConsumerGroup,
    string? ExceptionType,
    string? Error,
    int? RetryCount,
    DateTimeOffset? ReplayedAt,
    int ReplayCount);
