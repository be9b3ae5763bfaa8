using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;

namespace Fulfillment.Messaging.Outbox;

/// <summary>The Kafka record for an outbox row: its key, its envelope stamped with producedAt, and the contract headers.</summary>
internal static class OutboxRecord
{
    private const int GuidLength = 36;

    private static readonly byte[] JsonContentType = Encoding.UTF8.GetBytes(RecordHeaders.JsonContentType);

    // A service publishes a handful of event types; their header bytes are encoded once.
    private static readonly ConcurrentDictionary<string, byte[]> EventTypeBytes = new(StringComparer.Ordinal);

    public static Message<string, byte[]> From(PendingOutboxRow row, byte[] producedAtStamp)
    {
        var eventId = new byte[GuidLength];
        row.EventId.TryFormat(eventId, out _);
        var headers = new Headers
        {
            { RecordHeaders.EventId, eventId },
            { RecordHeaders.EventType, EventTypeBytes.GetOrAdd(row.EventType, Encoding.UTF8.GetBytes) },
            { RecordHeaders.CorrelationId, Encoding.UTF8.GetBytes(row.CorrelationId) },
            { RecordHeaders.ContentType, JsonContentType },
        };
        if (row.TraceParent is not null)
        {
            headers.Add(RecordHeaders.TraceParent, Encoding.UTF8.GetBytes(row.TraceParent));
        }

        return new Message<string, byte[]>
        {
            Key = row.Key,
            Value = EnvelopeSerializer.StampProducedAt(row.Envelope, producedAtStamp),
            Headers = headers,
        };
    }
}
