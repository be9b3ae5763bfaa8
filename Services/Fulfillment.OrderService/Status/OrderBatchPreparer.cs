using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;

namespace Fulfillment.OrderService.Status;

/// <summary>
/// Before a batch of lifecycle events is handled: one locking read of every order row the batch touches, in order_id
/// order, so batches of any lanes and instances never wait on each other in opposite orders (see
/// <see cref="LockedOrders"/>); the consumer then finds its rows already held.
/// </summary>
public sealed class OrderBatchPreparer(LockedOrders orders) : IBatchPreparer
{
    public Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken) =>
        orders.LockAsync(
            batch.Select(envelope => Guid.TryParse(envelope.OrderId, out var id) ? id : (Guid?)null).OfType<Guid>(),
            cancellationToken);
}
