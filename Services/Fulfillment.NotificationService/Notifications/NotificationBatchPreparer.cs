using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Persistence;
using Fulfillment.NotificationService.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.NotificationService.Notifications;

/// <summary>
/// Before a batch: every order it touches locked in one statement, in the locks' canonical order (two batches never
/// wait on each other in opposite orders), then their recipients and notifications loaded in one query each, so each
/// decision is made from what is tracked and the batch costs a fixed number of round trips, not a few per event.
/// </summary>
public sealed class NotificationBatchPreparer(NotificationDbContext db, OrderLocks locks, LoadedOrders loaded) : IBatchPreparer
{
    public async Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken)
    {
        var orderIds = batch.Select(e => e.OrderId).Distinct(StringComparer.Ordinal).Where(id => !loaded.Contains(id)).ToArray();
        if (orderIds.Length == 0)
        {
            return;
        }

        await locks.LockAsync(orderIds, cancellationToken);
        await db.Recipients.Where(r => orderIds.Contains(r.OrderId)).LoadAsync(cancellationToken);
        await db.Notifications.Where(n => orderIds.Contains(n.OrderId)).LoadAsync(cancellationToken);
        loaded.AddRange(orderIds);
    }
}
