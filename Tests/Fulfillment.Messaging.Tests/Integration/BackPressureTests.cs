using Fulfillment.Messaging.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;
using Serilog.Events;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>
/// A lane that waits out an outage longer than <c>max.poll.interval.ms</c>: the poll loop parks what the full lane
/// cannot take, pauses those partitions and polls on, so the group keeps its partitions and nothing is lost or
/// reordered.
/// </summary>
public sealed class BackPressureTests : ChassisTestBase
{
    private const int PartitionsGivenUp = 1104;
    private const int PartitionPaused = 1108;
    private const int PartitionsResumed = 1109;

    // One lane of capacity two, a short patience, and an outage of 40 × 200 ms: longer than max.poll.interval.ms.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Kafka:Consumer:MaxConcurrency"] = "1",
        ["Kafka:Consumer:MaxBatchSize"] = "1",
        ["Kafka:Consumer:LanePatience"] = "00:00:00.200",
        ["Kafka:Consumer:SessionTimeoutMs"] = "6000",
        ["Kafka:Consumer:MaxPollIntervalMs"] = "6000",
    };

    private const int OutageAttempts = 40;

    [Test]
    public async Task A_lane_waiting_out_a_long_outage_keeps_the_groups_partitions_and_loses_nothing()
    {
        var logs = new CapturingSink();
        await using var service = await StartServiceAsync(Settings, logs);
        var stuck = TestEvents.OrderCreated("order-stuck");
        Behavior.UnavailableFirst[stuck.EventId] = OutageAttempts;
        await ProduceAsync(stuck);
        var behind = Enumerable.Range(1, 12).Select(i => TestEvents.OrderCreated($"order-behind-{i % 4}", sequence: i)).ToList();
        foreach (var envelope in behind)
        {
            await ProduceAsync(envelope);
        }

        var handled = await Eventually.ReturnsAsync(
            service.HandledAsync, rows => rows.Count >= behind.Count + 1, TimeSpan.FromSeconds(60), "every record handled after the outage");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                handled.Select(h => h.EventId),
                Is.EquivalentTo(behind.Select(e => e.EventId).Append(stuck.EventId)).And.Unique,
                "each record handled once");
            Assert.That(Behavior.Attempts(stuck.EventId), Is.EqualTo(OutageAttempts + 1), "the outage was waited out");
            foreach (var key in handled.GroupBy(h => h.OrderId))
            {
                Assert.That(key.Select(h => h.Sequence), Is.Ordered, $"{key.Key} in produce order");
            }

            Assert.That(Logged(logs, PartitionsGivenUp), Is.Zero, "the group never gave up or lost a partition");
            Assert.That(Logged(logs, PartitionPaused), Is.Positive, "the full lane's partition was paused");
            Assert.That(Logged(logs, PartitionsResumed), Is.Positive, "and resumed");
        }
    }

    private static int Logged(CapturingSink logs, int eventId) =>
        logs.Events.Count(e => e.Properties.TryGetValue("EventId", out var id)
            && id is StructureValue structure
            && structure.Properties.Any(p => p is { Name: "Id", Value: ScalarValue { Value: int value } } && value == eventId));

    [Test]
    public async Task Partitions_paused_when_a_rebalance_comes_are_fetched_again_whoever_gets_them()
    {
        var logs = new CapturingSink();
        await using var first = await StartServiceAsync(Settings, logs);
        var stuck = TestEvents.OrderCreated("order-stuck");
        // Long enough (20 s) for the second instance to start and its join to rebalance the group during the outage.
        Behavior.UnavailableFirst[stuck.EventId] = OutageAttempts * 5 / 2;
        await ProduceAsync(stuck);
        // Many keys, so that records wait on partitions that come back to the first instance as well as on those that go.
        var behind = Enumerable.Range(1, 36).Select(i => TestEvents.OrderCreated($"order-behind-{i % 18}", sequence: i)).ToList();
        foreach (var envelope in behind)
        {
            await ProduceAsync(envelope);
        }

        await Eventually.ReturnsAsync(
            () => Task.FromResult(Logged(logs, PartitionPaused)), paused => paused > 0, TimeSpan.FromSeconds(30), "partitions paused behind the outage");
        // A second instance joins: the rebalance takes every partition from the first and gives some back, still paused
        // in librdkafka unless the host resumed them.
        await using var second = await StartServiceAsync(Settings);

        var handled = await Eventually.ReturnsAsync(
            first.HandledAsync, rows => rows.Count >= behind.Count + 1, TimeSpan.FromSeconds(120), "every record handled by one instance or the other");

        Assert.That(
            handled.Select(h => h.EventId),
            Is.EquivalentTo(behind.Select(e => e.EventId).Append(stuck.EventId)).And.Unique,
            "each record handled once");
    }
}
