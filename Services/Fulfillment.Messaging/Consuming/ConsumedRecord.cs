using System.Diagnostics;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;

namespace Fulfillment.Messaging.Consuming;

/// <summary>A record taken from Kafka, with the partition bookkeeping it must report back to.</summary>
internal sealed class ConsumedRecord(ConsumeResult<string?, byte[]?> result, PartitionProgress progress)
{
    private EnvelopeReadResult? _read;

    public ConsumeResult<string?, byte[]?> Result { get; } = result;

    public PartitionProgress Progress { get; } = progress;

    public string Topic => Result.Topic;

    /// <summary>Times the record was handed to its consumers, in a batch or alone; the dead-letter retry count is this less one.</summary>
    public int Attempts { get; private set; }

    public string? Key => Result.Message.Key;

    /// <summary>The value read as an envelope; done lazily so that lanes, not the poll loop, pay for it.</summary>
    public EnvelopeReadResult Read => _read ??= Result.Message.Value is { } value
        ? EnvelopeSerializer.Deserialize(value)
        : EnvelopeReadResult.Failure(EnvelopeReadError.Malformed, "The record has no value (tombstone).");

    public IEventEnvelope Envelope => Read.Envelope
        ?? throw new InvalidOperationException("The record could not be read as an envelope.");

    public void Complete() => Progress.Complete(Result.Offset.Value);

    public void CountAttempt() => Attempts++;

    /// <summary>
    /// The record's context on every line logged while it is handled. <c>traceId</c> is its incoming trace: the line
    /// also names it when no span is recorded (with a span, the span's trace is the same).
    /// </summary>
    public IReadOnlyDictionary<string, object?> LogScope() => new Dictionary<string, object?>(8)
    {
        ["eventId"] = Read.Envelope?.EventId,
        ["eventType"] = Read.Envelope?.EventType,
        ["orderId"] = Read.Envelope?.OrderId ?? Key,
        ["correlationId"] = Read.Envelope?.CorrelationId,
        ["topic"] = Topic,
        ["partition"] = Result.Partition.Value,
        ["offset"] = Result.Offset.Value,
        ["traceId"] = ActivityContext.TryParse(Result.Message.Headers.GetUtf8(RecordHeaders.TraceParent), null, out var trace)
            ? trace.TraceId.ToHexString()
            : null,
    };

    public override string ToString() => $"{Topic}[{Result.Partition.Value}]@{Result.Offset.Value}";
}
