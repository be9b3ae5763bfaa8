using Confluent.Kafka;
using Fulfillment.Messaging.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

public sealed class RedeliveryTests : ChassisTestBase
{
    [Test]
    public async Task A_failing_record_is_not_committed_and_is_handled_after_a_restart()
    {
        var poison = TestEvents.OrderCreated("order-restart");
        Behavior.Failing[poison.EventId] = true;
        var retryForever = new Dictionary<string, string?> { ["Retry:Limit"] = "100000" };

        var delivered = await ProduceAsync(poison);
        var service = await StartServiceAsync(retryForever);
        await Eventually.ReturnsAsync(() => Task.FromResult(Behavior.Attempts(poison.EventId)), attempts => attempts >= 3, Patience, "retried");
        await service.DisposeAsync();

        var committed = CommittedOffset(delivered.TopicPartition);
        Assert.That(committed, Is.LessThanOrEqualTo(delivered.Offset.Value), "the failing record's offset must not be committed");

        Behavior.Failing.TryRemove(poison.EventId, out _);
        await using var restarted = await StartServiceAsync(retryForever);
        var handled = await WaitForHandledAsync(restarted, rows => rows.Count > 0, "handled after restart");

        Assert.That(handled.Single().EventId, Is.EqualTo(poison.EventId));
        await Eventually.ReturnsAsync(
            () => Task.FromResult(CommittedOffset(delivered.TopicPartition)),
            offset => offset == delivered.Offset.Value + 1,
            Patience,
            "committed after success");
    }

    private long CommittedOffset(TopicPartition partition)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = Kafka.BootstrapServers,
            GroupId = SampleService.GroupId,
        }).Build();
        var committed = consumer.Committed([partition], TimeSpan.FromSeconds(10)).Single();
        return committed.Offset.IsSpecial ? -1 : committed.Offset.Value;
    }
}
