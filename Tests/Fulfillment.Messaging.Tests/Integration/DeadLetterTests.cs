using System.Globalization;
using System.Text;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using Fulfillment.Messaging.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

public sealed class DeadLetterTests : ChassisTestBase
{
    [Test]
    public async Task A_record_that_exhausts_its_retries_is_dead_lettered_whole_and_the_partition_goes_on()
    {
        await using var service = await StartServiceAsync();
        var poison = TestEvents.OrderCreated("order-poison", sequence: 1);
        var next = TestEvents.OrderCreated("order-poison", sequence: 2);
        Behavior.Failing[poison.EventId] = true;
        var message = TestEvents.ToMessage(poison);

        var delivered = await KafkaTopic.ProduceAsync(Kafka.BootstrapServers, Topics.OrderEvents, message);
        await ProduceAsync(next);

        var handled = await WaitForHandledAsync(service, rows => rows.Count == 1, "the record behind the poison handled");
        Assert.That(handled.Single().EventId, Is.EqualTo(next.EventId));

        var deadLetters = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.OrderDeadLetters, 1, Patience);
        var deadLetter = deadLetters.Single();
        string? Header(string name) => deadLetter.Message.Headers.GetUtf8(name);

        Assert.Multiple(() =>
        {
            // Two retries after trying it alone, plus one try in a batch when it shared one with the next record.
            Assert.That(Behavior.Attempts(poison.EventId), Is.InRange(3, 4));
            Assert.That(deadLetter.Message.Key, Is.EqualTo(message.Key));
            Assert.That(deadLetter.Message.Value, Is.EqualTo(message.Value));
            foreach (var original in message.Headers)
            {
                Assert.That(Header(original.Key), Is.EqualTo(Encoding.UTF8.GetString(original.GetValueBytes())), original.Key);
            }

            Assert.That(Header(RecordHeaders.RetryCount), Is.EqualTo((Behavior.Attempts(poison.EventId) - 1).ToString(CultureInfo.InvariantCulture)));
            Assert.That(Header(RecordHeaders.OriginalTopic), Is.EqualTo(Topics.OrderEvents));
            Assert.That(Header(RecordHeaders.Error), Does.Contain("Poison event"));
            Assert.That(Header(RecordHeaders.OriginalPartition), Is.EqualTo(delivered.Partition.Value.ToString(CultureInfo.InvariantCulture)));
            Assert.That(Header(RecordHeaders.OriginalOffset), Is.EqualTo(delivered.Offset.Value.ToString(CultureInfo.InvariantCulture)));
            Assert.That(Header(RecordHeaders.ConsumerGroup), Is.EqualTo(SampleService.GroupId));
            Assert.That(Header(RecordHeaders.ExceptionType), Is.EqualTo(typeof(InvalidOperationException).FullName));
            Assert.That(DateTimeOffset.TryParse(Header(RecordHeaders.FailedAt), CultureInfo.InvariantCulture, out _), Is.True);
        });
    }

    [Test]
    public async Task Unreadable_records_go_straight_to_the_dead_letter_topic_without_stopping_the_service()
    {
        await using var service = await StartServiceAsync();
        var unknownType = Encoding.UTF8.GetString(EnvelopeSerializer.Serialize(TestEvents.OrderCreated("order-x")))
            .Replace(EventTypes.OrderCreated, "order.teleported", StringComparison.Ordinal);
        var noOrderId = Encoding.UTF8.GetString(EnvelopeSerializer.Serialize(TestEvents.OrderCreated("order-y")))
            .Replace("\"orderId\":\"order-y\"", "\"orderId\":\"\"", StringComparison.Ordinal);

        await KafkaTopic.ProduceAsync(Kafka.BootstrapServers, Topics.OrderEvents, TestEvents.Raw("bad-1", "{not json"));
        await KafkaTopic.ProduceAsync(Kafka.BootstrapServers, Topics.OrderEvents, TestEvents.Raw("bad-2", unknownType));
        await KafkaTopic.ProduceAsync(Kafka.BootstrapServers, Topics.OrderEvents, TestEvents.Raw("bad-3", noOrderId));
        await KafkaTopic.ProduceAsync(Kafka.BootstrapServers, Topics.OrderEvents, TestEvents.Raw("bad-4", null));
        var good = TestEvents.OrderCreated("order-good");
        await ProduceAsync(good);

        await WaitForHandledAsync(service, rows => rows.Any(r => r.EventId == good.EventId), "good record handled");
        var deadLetters = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.OrderDeadLetters, 4, Patience);
        var reasons = deadLetters.ToDictionary(
            r => r.Message.Key!, r => r.Message.Headers.GetUtf8(RecordHeaders.ExceptionType));

        Assert.That(reasons, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["bad-1"] = "EnvelopeReadError.Malformed",
            ["bad-2"] = "EnvelopeReadError.UnknownEventType",
            ["bad-3"] = "EnvelopeReadError.Invalid",
            ["bad-4"] = "EnvelopeReadError.Malformed",
        }));
        Assert.That(deadLetters.Select(r => r.Message.Headers.GetUtf8(RecordHeaders.RetryCount)), Is.All.EqualTo("0"));
    }
}
