using System.Text;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using Fulfillment.Testing;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>Dead-letter records shaped like the chassis' DeadLetterPublisher writes them.</summary>
public static class DeadLetterRecords
{
    public static readonly DateTimeOffset FailedAt = new(2026, 11, 22, 11, 30, 0, TimeSpan.Zero);

    /// <summary>The contract headers of <paramref name="envelope"/>, plus <paramref name="extra"/>, then the dead-letter headers.</summary>
    public static Headers For(IEventEnvelope envelope, string originalTopic, params (string Key, byte[] Value)[] extra) =>
        Message(envelope, originalTopic, extra).Headers;

    /// <summary>The whole record: the envelope keyed by its order, with <see cref="For"/>'s headers.</summary>
    public static Message<string, byte[]> Message(IEventEnvelope envelope, string originalTopic, params (string Key, byte[] Value)[] extra)
    {
        var message = KafkaTopic.ToMessage(envelope);
        var headers = message.Headers;
        foreach (var (key, value) in extra)
        {
            headers.Add(key, value);
        }

        headers.Add(RecordHeaders.RetryCount, Utf8("3"));
        headers.Add(RecordHeaders.OriginalTopic, Utf8(originalTopic));
        headers.Add(RecordHeaders.Error, Utf8("Poison event for the test"));
        headers.Add(RecordHeaders.OriginalPartition, Utf8("2"));
        headers.Add(RecordHeaders.OriginalOffset, Utf8("41"));
        headers.Add(RecordHeaders.ConsumerGroup, Utf8("inventory-service"));
        headers.Add(RecordHeaders.ExceptionType, Utf8("System.InvalidOperationException"));
        headers.Add(RecordHeaders.FailedAt, Utf8(FailedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        return message;
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
