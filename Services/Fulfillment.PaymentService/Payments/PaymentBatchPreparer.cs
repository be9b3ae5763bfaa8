using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Persistence;

namespace Fulfillment.PaymentService.Payments;

/// <summary>
/// Before a batch is handled: every order it touches locked in one statement, in the locks' canonical order, so that
/// two batches (lanes, instances) holding orders in common take them in the same order and never deadlock. The
/// consumers' own locks then find them held.
/// </summary>
public sealed class PaymentBatchPreparer(OrderLocks locks) : IBatchPreparer
{
    public Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken) =>
        locks.LockAsync(batch.Select(e => e.OrderId), cancellationToken);
}
