using System.Text.Json;

namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>
/// <c>GET /api/admin/dlq/{id}</c>: the record as it was. The value is shown as JSON when it parses, else as text when it
/// is text, else as base64; exactly one of the three is set when the record has a value.
/// </summary>
public sealed record DeadLetterDetails(
    long Id,
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    string? EventType,
    string? OriginalTopic,
    int? OriginalPartition,
    long? OriginalOffset,
    string? ConsumerGroup,
    string? ExceptionType,
    string? Error,
    int? RetryCount,
    DateTimeOffset? FailedAt,
    DateTimeOffset RecordedAt,
    DateTimeOffset? ReplayedAt,
    int ReplayCount,
    IReadOnlyList<StoredHeader> Headers,
    JsonElement? ValueJson,
    string? ValueText,
    string? ValueBase64);
