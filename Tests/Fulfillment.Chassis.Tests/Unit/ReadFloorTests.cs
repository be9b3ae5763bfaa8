using Fulfillment.Chassis.Outbox;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.Chassis.Tests.Unit;

public sealed class ReadFloorTests
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    [Test]
    public void The_first_read_sweeps_from_the_bottom()
    {
        var floor = new ReadFloor(SweepInterval, new ManualClock(DateTimeOffset.UnixEpoch));

        Assert.That(floor.Next(), Is.EqualTo(ReadFloor.Bottom));
    }

    [Test]
    public void Reads_start_past_the_highest_id_read_until_the_next_sweep_is_due()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var floor = new ReadFloor(SweepInterval, clock);
        floor.Record(ReadFloor.Bottom, Rows(3, 4, 9));

        var next = floor.Next();
        floor.Record(next, Rows(10, 12));
        var afterThat = floor.Next();
        clock.Advance(SweepInterval);

        Assert.Multiple(() =>
        {
            Assert.That(next, Is.EqualTo(10));
            Assert.That(afterThat, Is.EqualTo(13));
            Assert.That(floor.Next(), Is.EqualTo(ReadFloor.Bottom), "a sweep once per interval");
        });
    }

    [Test]
    public void A_sweep_that_finds_only_lower_ids_does_not_move_the_floor_back()
    {
        var clock = new ManualClock(DateTimeOffset.UnixEpoch);
        var floor = new ReadFloor(SweepInterval, clock);
        floor.Record(ReadFloor.Bottom, Rows(20));
        clock.Advance(SweepInterval);

        floor.Record(floor.Next(), Rows(5));
        floor.Record(floor.Next(), []);

        Assert.That(floor.Next(), Is.EqualTo(21));
    }

    private static List<PendingOutboxRow> Rows(params long[] ids) =>
        [.. ids.Select(id => new PendingOutboxRow(id, Guid.NewGuid(), "raw.inventory-events", "order-1", "inventory.reserved", "corr", null, [], 0))];
}
