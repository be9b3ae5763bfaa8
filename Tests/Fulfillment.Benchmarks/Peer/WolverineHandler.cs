using Fulfillment.Messages;
using Wolverine;

namespace Fulfillment.Benchmarks.Peer;

/// <summary>
/// The peer's handler, written the Wolverine way: a static method whose return value is the cascading message, the
/// database change through the EF Core context that the transactional middleware opened (and commits, with the
/// inbox mark and the outbox row, after the method returns). Same state change and same emitted event as
/// <see cref="BenchConsumer"/>, keyed by the order id like the chassis's outbox records.
/// </summary>
public static class WolverineHandler
{
    public static async Task<DeliveryMessage<EventEnvelope<InventoryReserved>>> Handle(
        EventEnvelope<OrderCreated> order, PeerDbContext db, CancellationToken cancellationToken)
    {
        await BenchConsumer.UpdateAccountAsync(db, order, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var reserved = new EventEnvelope<InventoryReserved>(
            Guid.CreateVersion7(now), EventTypes.InventoryReserved, 1, now, null, order.OrderId, order.CorrelationId,
            order.EventId.ToString(), "bench-wolverine", BenchConsumer.Reservation(order));
        return reserved.WithDeliveryOptions(new DeliveryOptions { PartitionKey = order.OrderId });
    }
}
