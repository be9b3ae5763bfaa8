using Fulfillment.Messaging.Outbox;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Unit;

public sealed class InFlightWindowTests
{
    [Test]
    public void Nothing_in_flight_puts_every_row_below_the_window()
    {
        var window = InFlightWindow.Of([], maxGaps: 10);

        Assert.That(window, Is.EqualTo(InFlightWindow.Empty));
        Assert.That(window!.Low, Is.EqualTo(long.MaxValue));
    }

    [Test]
    public void The_window_spans_the_ids_in_flight_and_names_the_ids_it_skips()
    {
        var window = InFlightWindow.Of([12, 10, 15, 11, 14], maxGaps: 10);

        Assert.Multiple(() =>
        {
            Assert.That(window!.Low, Is.EqualTo(10));
            Assert.That(window.High, Is.EqualTo(15));
            Assert.That(window.Gaps, Is.EqualTo(new long[] { 13 }), "13 was not committed, or held back, when read");
        });
    }

    [Test]
    public void A_sparse_window_is_not_read_past()
    {
        Assert.That(InFlightWindow.Of([1, 1_000], maxGaps: 100), Is.Null);
    }
}
