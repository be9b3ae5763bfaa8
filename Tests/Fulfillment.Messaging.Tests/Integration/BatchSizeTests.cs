using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>
/// <c>group.BatchesOf(n)</c> bounds a group's units of work below <c>Kafka:Consumer:MaxBatchSize</c>. Every record is
/// produced on one key before the service starts, so they queue on one lane and the host would batch them.
/// </summary>
public sealed class BatchSizeTests : ChassisTestBase
{
    private const int Records = 30;

    private static readonly Dictionary<string, string?> BigBatches = new() { ["Kafka:Consumer:MaxBatchSize"] = "100" };

    [Test]
    public async Task A_group_with_batches_of_one_hands_its_consumer_one_record_per_unit_of_work()
    {
        var sizes = await HandleAllAsync(group => group.PrepareBatchesWith<UnitOfWorkRecorder>().BatchesOf(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sizes, Has.Count.EqualTo(Records), "one unit of work per record");
            Assert.That(sizes, Is.All.EqualTo(1));
        }
    }

    /// <summary>The control: without it, the same records share units of work (so the test above can fail).</summary>
    [Test]
    public async Task Without_it_the_records_of_a_lane_share_units_of_work()
    {
        var sizes = await HandleAllAsync(group => group.PrepareBatchesWith<UnitOfWorkRecorder>());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sizes.Sum(), Is.EqualTo(Records));
            Assert.That(sizes.Max(), Is.GreaterThan(1), "some unit of work held several records");
        }
    }

    [Test]
    public void A_batch_of_no_records_is_refused() =>
        Assert.That(() => new ConsumerGroupBuilder("g").BatchesOf(0), Throws.InstanceOf<ArgumentOutOfRangeException>());

    private async Task<List<int>> HandleAllAsync(Action<ConsumerGroupBuilder> group)
    {
        for (var sequence = 1; sequence <= Records; sequence++)
        {
            await ProduceAsync(TestEvents.OrderCreated("order-batched", sequence));
        }

        await using var service = await StartServiceAsync(BigBatches, group: group);
        var handled = await WaitForHandledAsync(service, rows => rows.Count >= Records, "all handled");
        Assert.That(handled.Select(h => h.Sequence), Is.EqualTo(Enumerable.Range(1, Records)), "each once, in order");
        return [.. service.Services.GetRequiredService<UnitsOfWork>().Sizes];
    }
}
