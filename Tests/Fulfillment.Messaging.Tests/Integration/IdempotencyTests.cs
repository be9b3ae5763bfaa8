using Fulfillment.Messaging.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

public sealed class IdempotencyTests : ChassisTestBase
{
    [Test]
    public async Task A_redelivered_event_has_one_side_effect_whether_in_one_batch_or_later()
    {
        await using var service = await StartServiceAsync();
        var original = TestEvents.OrderCreated("order-dup", sequence: 1);

        // Same batch: the copies arrive together.
        await ProduceAsync(original);
        await ProduceAsync(original);
        await ProduceAsync(TestEvents.OrderCreated("order-dup", sequence: 2));
        await WaitForHandledAsync(service, rows => rows.Any(r => r.Sequence == 2), "first sentinel handled");

        // Later: the inbox, not the batch, must catch it. The sentinel shares the key, so it is handled after it.
        await ProduceAsync(original);
        await ProduceAsync(TestEvents.OrderCreated("order-dup", sequence: 3));
        var handled = await WaitForHandledAsync(service, rows => rows.Any(r => r.Sequence == 3), "second sentinel handled");

        Assert.That(handled.Count(r => r.EventId == original.EventId), Is.EqualTo(1));
        Assert.That(handled.Select(r => r.Sequence), Is.EqualTo(new[] { 1, 2, 3 }));
    }
}
