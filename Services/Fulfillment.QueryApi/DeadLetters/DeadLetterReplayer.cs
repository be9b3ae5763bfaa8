using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using Fulfillment.QueryApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>
/// Puts a dead letter back on the topic it failed on: the original key, value and headers, without the dead-letter
/// headers, so the record is as it first was. Every consumer of that topic sees it again; an inbox that recorded the
/// event skips it, and a consumer that failed on it (its transaction, inbox claim included, rolled back) handles it.
/// </summary>
public sealed class DeadLetterReplayer(QueryDbContext db, KafkaProducer producer, TimeProvider clock, ILogger<DeadLetterReplayer> logger)
{
    private static readonly HashSet<string> DeadLetterHeaders = new(RecordHeaders.DeadLetter, StringComparer.Ordinal);

    /// <exception cref="KafkaException">Kafka did not take the record; the dead letter is left as it was.</exception>
    public async Task<ReplayOutcome> ReplayAsync(long id, CancellationToken cancellationToken)
    {
        var letter = await db.DeadLetters.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (letter is null)
        {
            return ReplayOutcome.NotFound;
        }

        // Only the platform's main topics: the header comes from the record itself and must not pick any topic.
        if (letter.OriginalTopic is not { } topic || !Topics.Raw.Contains(topic, StringComparer.Ordinal))
        {
            return ReplayOutcome.NotReplayable(
                $"Dead letter {id} names no replayable original topic ({RecordHeaders.OriginalTopic}: '{letter.OriginalTopic}').");
        }

        var headers = new Headers();
        foreach (var header in StoredHeaders.Deserialize(letter.Headers).Where(h => !DeadLetterHeaders.Contains(h.Key)))
        {
            headers.Add(header.Key, RecordText.Decode(header));
        }

        DeliveryResult<string, byte[]> delivered;
        try
        {
            delivered = await producer.ProduceAsync(
                topic, new Message<string, byte[]> { Key = letter.Key!, Value = letter.Value!, Headers = headers }, cancellationToken);
        }
        catch (KafkaException ex)
        {
            Log.DeadLetterReplayFailed(logger, ex, id, topic);
            throw;
        }

        // Marked after Kafka has the record: a crash in between leaves it unmarked, and a second replay is harmless.
        var now = clock.GetUtcNow();
        await db.DeadLetters
            .Where(d => d.Id == id)
            .ExecuteUpdateAsync(
                set => set.SetProperty(d => d.ReplayedAt, now).SetProperty(d => d.ReplayCount, d => d.ReplayCount + 1),
                cancellationToken);
        var replayCount = await db.DeadLetters.Where(d => d.Id == id).Select(d => d.ReplayCount).SingleAsync(cancellationToken);

        Log.DeadLetterReplayed(logger, id, topic, delivered.Partition.Value, delivered.Offset.Value, replayCount);
        return ReplayOutcome.Replayed(
            new DeadLetterReplay(id, topic, delivered.Partition.Value, delivered.Offset.Value, now, replayCount));
    }
}
