using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Kafka;
using Fulfillment.QueryApi.DeadLetters;
using Fulfillment.QueryApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fulfillment.QueryApi.Tests.DeadLetters;

/// <summary>The recorder on its own: what a dead-letter record becomes in <c>dead_letters</c>.</summary>
public sealed class DeadLetterRecorderTests
{
    private string _database = null!;
    private long _nextOffset;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync() => _database = await QueryDatabase.CreateAsync();

    [Test]
    public async Task A_dead_letter_is_recorded_with_its_reasons_split_out()
    {
        var envelope = Events.ForNewOrder().Created();
        var record = Record(envelope.OrderId, EnvelopeSerializer.Serialize(envelope), DeadLetterRecords.For(envelope, Topics.OrderEvents));

        await RecordAsync(record);

        var row = await RowAsync(record);
        Assert.Multiple(() =>
        {
            Assert.That(row.Key, Is.EqualTo(envelope.OrderId));
            Assert.That(row.Value, Is.EqualTo(record.Value));
            Assert.That(row.ValueText, Does.Contain(envelope.EventId.ToString()));
            Assert.That(row.EventType, Is.EqualTo(EventTypes.OrderCreated));
            Assert.That(row.OriginalTopic, Is.EqualTo(Topics.OrderEvents));
            Assert.That(row.OriginalPartition, Is.EqualTo(2));
            Assert.That(row.OriginalOffset, Is.EqualTo(41));
            Assert.That(row.Error, Is.EqualTo("Poison event for the test"));
            Assert.That(row.ExceptionType, Is.EqualTo("System.InvalidOperationException"));
            Assert.That(row.RetryCount, Is.EqualTo(3));
            Assert.That(row.ConsumerGroup, Is.EqualTo("inventory-service"));
            Assert.That(row.FailedAt, Is.EqualTo(DeadLetterRecords.FailedAt));
            Assert.That(row.ReplayedAt, Is.Null);
            Assert.That(row.ReplayCount, Is.Zero);
        });
    }

    [Test]
    public async Task A_redelivered_record_is_the_same_row()
    {
        var envelope = Events.ForNewOrder().Created();
        var record = Record(envelope.OrderId, EnvelopeSerializer.Serialize(envelope), DeadLetterRecords.For(envelope, Topics.OrderEvents));

        await RecordAsync(record);
        await RecordAsync(record);

        await using var db = Context();
        Assert.That(
            await db.DeadLetters.CountAsync(d => d.Topic == record.Topic && d.Partition == record.Partition && d.Offset == record.Offset),
            Is.EqualTo(1));
    }

    [Test]
    public async Task A_binary_value_and_binary_headers_are_kept_exactly_and_shown_as_base64()
    {
        var envelope = Events.ForNewOrder().Created();
        byte[] value = [0xFF, 0x00, 0xFE, 0x41];
        byte[] binaryHeader = [0xC3, 0x28, 0x00];
        var record = Record(envelope.OrderId, value, DeadLetterRecords.For(envelope, Topics.OrderEvents, ("x-binary", binaryHeader)));

        await RecordAsync(record);

        var row = await RowAsync(record);
        await using var db = Context();
        var details = (await new DeadLetterQueries(db).GetAsync(row.Id, CancellationToken.None))!;
        var stored = details.Headers.Single(h => h.Key == "x-binary");
        Assert.Multiple(() =>
        {
            Assert.That(row.Value, Is.EqualTo(value));
            Assert.That(row.ValueText, Is.Null);
            Assert.That(details.ValueBase64, Is.EqualTo(Convert.ToBase64String(value)));
            Assert.That(details.ValueJson, Is.Null);
            Assert.That(details.ValueText, Is.Null);
            Assert.That(stored.Value, Is.Null);
            Assert.That(Convert.FromBase64String(stored.Base64!), Is.EqualTo(binaryHeader));
            Assert.That(details.Headers.Select(h => h.Key), Is.EqualTo(record.Headers.Select(h => h.Key)), "every header, in order");
        });
    }

    [Test]
    public async Task A_record_without_reason_headers_or_with_unreadable_ones_is_still_recorded()
    {
        var record = Record(
            "not-an-order", "not json at all"u8.ToArray(), new[] { new KeyValuePair<string, byte[]>(RecordHeaders.RetryCount, "three"u8.ToArray()) });

        await RecordAsync(record);

        var row = await RowAsync(record);
        await using var db = Context();
        var details = (await new DeadLetterQueries(db).GetAsync(row.Id, CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(row.RetryCount, Is.Null);
            Assert.That(row.OriginalTopic, Is.Null);
            Assert.That(details.ValueText, Is.EqualTo("not json at all"));
            Assert.That(details.ValueJson, Is.Null);
        });
    }

    private RawRecord Record(string key, byte[] value, IEnumerable<KeyValuePair<string, byte[]>> headers) =>
        new(Topics.OrderDeadLetters, 1, Interlocked.Increment(ref _nextOffset), key, value, [.. headers], DateTimeOffset.UtcNow);

    private RawRecord Record(string key, byte[] value, Confluent.Kafka.Headers headers) =>
        Record(key, value, headers.Select(h => new KeyValuePair<string, byte[]>(h.Key, h.GetValueBytes())));

    private async Task RecordAsync(RawRecord record)
    {
        await using var db = Context();
        await new DeadLetterRecorder(db, NullLogger<DeadLetterRecorder>.Instance).HandleAsync(record, CancellationToken.None);
    }

    private async Task<DeadLetterRecord> RowAsync(RawRecord record)
    {
        await using var db = Context();
        return await db.DeadLetters.SingleAsync(d => d.Topic == record.Topic && d.Partition == record.Partition && d.Offset == record.Offset);
    }

    private QueryDbContext Context() =>
        new(new DbContextOptionsBuilder<QueryDbContext>().UseNpgsql(_database).Options);
}
