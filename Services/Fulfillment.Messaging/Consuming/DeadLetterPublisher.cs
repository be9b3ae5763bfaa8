using System.Globalization;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// Writes a failed record to <c>dlq.&lt;domain&gt;-events</c> with its original key, value and headers plus the reasons,
/// and returns only once Kafka has acknowledged it: the caller commits the offset after that, never before.
/// </summary>
internal sealed class DeadLetterPublisher(
    KafkaProducer producer,
    TimeProvider clock,
    IOptions<RetryOptions> retry,
    ILogger<DeadLetterPublisher> logger)
{
    private const int MaxErrorLength = 2000;

    public async Task SendAsync(ConsumedRecord record, string consumerGroup, DeadLetterReason reason, CancellationToken cancellationToken)
    {
        var topic = Topics.DeadLetterFor(record.Topic);
        var message = Build(record, consumerGroup, reason);
        while (true)
        {
            try
            {
                await producer.ProduceAsync(topic, message, cancellationToken);
                ChassisLog.DeadLettered(logger, record.ToString(), topic, reason.ExceptionType, reason.RetryCount, reason.Error);
                return;
            }
            catch (KafkaException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Kafka itself is failing: keep the record (uncommitted) and try again rather than lose it.
                ChassisLog.DeadLetterProduceFailed(logger, ex, record.ToString(), topic);
                await Task.Delay(retry.Value.InfrastructureRetryInterval, clock, cancellationToken);
            }
        }
    }

    private Message<string, byte[]> Build(ConsumedRecord record, string consumerGroup, DeadLetterReason reason)
    {
        var original = record.Result.Message;
        var headers = new Headers();
        if (original.Headers is not null)
        {
            foreach (var header in original.Headers)
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        var error = reason.Error.Length > MaxErrorLength ? reason.Error[..MaxErrorLength] : reason.Error;
        headers.AddUtf8(RecordHeaders.RetryCount, reason.RetryCount.ToString(CultureInfo.InvariantCulture));
        headers.AddUtf8(RecordHeaders.OriginalTopic, record.Topic);
        headers.AddUtf8(RecordHeaders.Error, error);
        headers.AddUtf8(RecordHeaders.OriginalPartition, record.Result.Partition.Value.ToString(CultureInfo.InvariantCulture));
        headers.AddUtf8(RecordHeaders.OriginalOffset, record.Result.Offset.Value.ToString(CultureInfo.InvariantCulture));
        headers.AddUtf8(RecordHeaders.ConsumerGroup, consumerGroup);
        headers.AddUtf8(RecordHeaders.ExceptionType, reason.ExceptionType);
        headers.AddUtf8(RecordHeaders.FailedAt, clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));

        return new Message<string, byte[]>
        {
            Key = original.Key!,
            Value = original.Value!,
            Headers = headers,
        };
    }
}
