namespace Fulfillment.QueryApi.Persistence;

/// <summary>A row of <c>dead_letters</c>: one record of a <c>dlq.*</c> topic, as it was, with its reasons split out.</summary>
public sealed class DeadLetterRecord
{
    public long Id { get; set; }

    public required string Topic { get; set; }

    public int Partition { get; set; }

    public long Offset { get; set; }

    public string? Key { get; set; }

    public byte[]? Value { get; set; }

    public string? ValueText { get; set; }

    /// <summary>The record's headers as JSON (<c>jsonb</c>); see <see cref="DeadLetters.StoredHeader"/>.</summary>
    public required string Headers { get; set; }

    public string? EventType { get; set; }

    public string? OriginalTopic { get; set; }

    public int? OriginalPartition { get; set; }

    public long? OriginalOffset { get; set; }

    public string? Error { get; set; }

    public string? ExceptionType { get; set; }

    public int? RetryCount { get; set; }

    public string? ConsumerGroup { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? ReplayedAt { get; set; }

    public int ReplayCount { get; set; }
}
