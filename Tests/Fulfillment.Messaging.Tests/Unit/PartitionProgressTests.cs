using Confluent.Kafka;
using Fulfillment.Messaging.Consuming;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Unit;

public sealed class PartitionProgressTests
{
    private static readonly TopicPartition Partition = new("raw.order-events", 0);

    [Test]
    public void Only_offsets_below_the_oldest_unfinished_record_are_committable()
    {
        var progress = new PartitionProgress(Partition);
        foreach (var offset in new long[] { 10, 11, 12, 13 })
        {
            progress.Track(offset);
        }

        Assert.That(progress.TakeCommittable()?.Offset.Value, Is.EqualTo(10));
        progress.Complete(11);
        progress.Complete(12);
        Assert.That(progress.TakeCommittable()?.Offset.Value, Is.EqualTo(10), "10 is still running");
        progress.Complete(10);
        Assert.That(progress.TakeCommittable()?.Offset.Value, Is.EqualTo(13));
        progress.MarkCommitted(13);
        Assert.That(progress.TakeCommittable(), Is.Null, "nothing new");
        progress.Complete(13);
        Assert.That(progress.TakeCommittable()?.Offset.Value, Is.EqualTo(14));
    }

    [Test]
    public async Task Revoking_waits_for_started_work_and_refuses_new_work()
    {
        var progress = new PartitionProgress(Partition);
        Assert.That(progress.TryBeginWork(), Is.True);

        var revoked = progress.RevokeAsync();
        Assert.That(revoked.IsCompleted, Is.False);
        Assert.That(progress.TryBeginWork(), Is.False);

        progress.EndWork();
        await revoked.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
