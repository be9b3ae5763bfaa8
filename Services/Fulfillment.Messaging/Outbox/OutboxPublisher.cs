using System.Collections.Concurrent;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;

namespace Fulfillment.Messaging.Outbox;

/// <summary>
/// Hands outbox rows to the producer in order. Once a row of a key fails, the key's later rows in the same drain are
/// not produced (they stay in the outbox behind it), so a refused record never lets a later one of its key overtake it.
/// </summary>
internal sealed class OutboxPublisher(KafkaProducer producer, TimeProvider clock)
{
    /// <summary>Produces the rows now; the task completes when Kafka has settled every one of them.</summary>
    public Task<DeliveryOutcome> ProduceAsync(IReadOnlyList<PendingOutboxRow> rows, ConcurrentDictionary<string, bool> failedKeys)
    {
        var outcome = new DeliveryOutcome();
        var remaining = rows.Count;
        var settled = new TaskCompletionSource<DeliveryOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stamp = EnvelopeSerializer.ProducedAtStamp(clock.GetUtcNow());

        void Settle(PendingOutboxRow row, string? error)
        {
            if (error is not null)
            {
                failedKeys.TryAdd(row.Key, true);
                outcome.Fail(row.Id, error);
            }

            if (Interlocked.Decrement(ref remaining) == 0)
            {
                settled.TrySetResult(outcome);
            }
        }

        foreach (var row in rows)
        {
            if (failedKeys.ContainsKey(row.Key))
            {
                outcome.HoldBack(row.Id);
                Settle(row, null);
                continue;
            }

            try
            {
                producer.Produce(row.Topic, OutboxRecord.From(row, stamp), report =>
                    Settle(row, report.Error.IsError ? report.Error.Reason : null));
            }
            catch (ProduceException<string, byte[]> ex)
            {
                Settle(row, ex.Error.Reason);
            }
        }

        return settled.Task;
    }
}
