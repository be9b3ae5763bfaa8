using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;

namespace Fulfillment.DeliveryService.Persistence;

/// <summary>
/// Before a batch of payment.authorized and order.cancelled is handled: every order of the batch held at once, in key
/// order, and their deliveries locked and loaded in one read (see <see cref="LockedDeliveries"/>); the consumers then
/// find them already held, and the batch takes no lock after its first statement.
/// </summary>
public sealed class DeliveryBatchPreparer(LockedDeliveries deliveries) : IBatchPreparer
{
    public Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken) =>
        deliveries.LockAsync(batch.Select(envelope => envelope.OrderId), cancellationToken);
}
