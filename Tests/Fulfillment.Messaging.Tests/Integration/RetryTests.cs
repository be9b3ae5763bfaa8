using System.Globalization;
using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using Fulfillment.Messaging.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>
/// The consumer host's own retry (RecordRetry, FailureClassifier, DeadLetterPublisher) on the real host: a record's
/// failures are retried up to <c>Retry:Limit</c> times and then dead-lettered once; failures of the platform are
/// waited out without limit and never dead-lettered.
/// </summary>
/// <remarks>
/// Each record is produced alone, after the one before it is done, so it is never tried inside a batch first and its
/// attempts are exactly the retry policy's. "No other dead letter" is shown by a poison record produced afterwards
/// on the same key: the dead-letter topic keeps a key's order, so the marker is the first dead letter unless an
/// earlier record was dead-lettered too.
/// </remarks>
public sealed class RetryTests : ChassisTestBase
{
    private const int Limit = 3;

    private static readonly Dictionary<string, string?> Settings = new() { ["Retry:Limit"] = Limit.ToString(CultureInfo.InvariantCulture) };

    [Test]
    public async Task A_record_failing_transiently_is_retried_and_handled_once_without_a_dead_letter()
    {
        await using var service = await StartServiceAsync(Settings);
        var flaky = TestEvents.OrderCreated("order-flaky");
        Behavior.FailingFirst[flaky.EventId] = Limit;

        await ProduceAsync(flaky);
        var handled = await WaitForHandledAsync(service, rows => rows.Count > 0, "handled after its retries");
        var deadLetters = await DeadLettersUpToMarkerAsync("order-flaky");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(handled.Select(h => h.EventId), Is.EqualTo(new[] { flaky.EventId }), "handled, once");
            Assert.That(Behavior.Attempts(flaky.EventId), Is.EqualTo(Limit + 1), "the first attempt and every retry");
            Assert.That(deadLetters, Is.Empty, "dead letters before the marker");
        }
    }

    [Test]
    public async Task A_record_that_keeps_failing_is_tried_limit_plus_one_times_and_dead_lettered_once()
    {
        await using var service = await StartServiceAsync(Settings);
        var poison = TestEvents.OrderCreated("order-bounded");
        Behavior.Failing[poison.EventId] = true;

        var delivered = await ProduceAsync(poison);
        var poisonId = poison.EventId.ToString();
        await TopicReader.ReadUntilAsync(
            Kafka.BootstrapServers, Topics.OrderDeadLetters, records => records.Any(r => r.Message.Headers.GetUtf8(RecordHeaders.EventId) == poisonId), Patience);
        var deadLetters = await DeadLettersUpToMarkerAsync("order-bounded");

        var deadLetter = deadLetters.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Behavior.Attempts(poison.EventId), Is.EqualTo(Limit + 1), "the first attempt and Retry:Limit retries, no more");
            Assert.That(deadLetter.Message.Headers.GetUtf8(RecordHeaders.EventId), Is.EqualTo(poison.EventId.ToString()));
            Assert.That(deadLetter.Message.Headers.GetUtf8(RecordHeaders.RetryCount), Is.EqualTo(Limit.ToString(CultureInfo.InvariantCulture)));
            Assert.That(deadLetter.Message.Headers.GetUtf8(RecordHeaders.ExceptionType), Is.EqualTo(typeof(InvalidOperationException).FullName));
            Assert.That(deadLetter.Message.Headers.GetUtf8(RecordHeaders.Error), Does.Contain($"Poison event {poison.EventId}"));
            Assert.That(deadLetter.Message.Headers.GetUtf8(RecordHeaders.OriginalTopic), Is.EqualTo(Topics.OrderEvents));
            Assert.That(
                deadLetter.Message.Headers.GetUtf8(RecordHeaders.OriginalOffset),
                Is.EqualTo(delivered.Offset.Value.ToString(CultureInfo.InvariantCulture)));
            Assert.That(await service.HandledAsync(), Is.Empty);
        }
    }

    [Test]
    public async Task Platform_failures_are_waited_out_beyond_the_limit_and_never_dead_lettered()
    {
        await using var service = await StartServiceAsync(Settings);
        var waiting = TestEvents.OrderCreated("order-outage");
        const int outage = Limit + 3;
        Behavior.UnavailableFirst[waiting.EventId] = outage;

        await ProduceAsync(waiting);
        var handled = await WaitForHandledAsync(service, rows => rows.Count > 0, "handled once the outage is over");
        var deadLetters = await DeadLettersUpToMarkerAsync("order-outage");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(handled.Select(h => h.EventId), Is.EqualTo(new[] { waiting.EventId }), "handled, once");
            Assert.That(Behavior.Attempts(waiting.EventId), Is.EqualTo(outage + 1), "more attempts than Retry:Limit allows a record's own failures");
            Assert.That(deadLetters, Is.Empty, "dead letters before the marker");
        }
    }

    /// <summary>
    /// Produces a poison marker on <paramref name="key"/> and reads the dead-letter topic until it arrives; returns the
    /// dead letters of that key that came before it.
    /// </summary>
    private async Task<List<ConsumeResult<string?, byte[]?>>> DeadLettersUpToMarkerAsync(string key)
    {
        var marker = TestEvents.OrderCreated(key);
        Behavior.Failing[marker.EventId] = true;
        await ProduceAsync(marker);

        var markerId = marker.EventId.ToString();
        var read = await TopicReader.ReadUntilAsync(
            Kafka.BootstrapServers, Topics.OrderDeadLetters, records => records.Any(r => r.Message.Headers.GetUtf8(RecordHeaders.EventId) == markerId), Patience);
        var ofKey = read.Where(r => r.Message.Key == key).ToList();
        var markerAt = ofKey.FindIndex(r => r.Message.Headers.GetUtf8(RecordHeaders.EventId) == markerId);
        Assert.That(markerAt, Is.Not.Negative, "the marker was dead-lettered");
        return ofKey[..markerAt];
    }
}
