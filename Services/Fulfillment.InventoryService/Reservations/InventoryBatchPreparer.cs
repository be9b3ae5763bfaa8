using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InventoryService.Reservations;

/// <summary>
/// Before a batch is handled: one query for which of its orders are already decided, the orders it cancels itself
/// (an order.created with its cancellation in the same batch is never reserved), and one locking read of every stock
/// row the batch can touch (the SKUs ordered, the SKUs held by the reservations its payment.failed, delivery.cancelled
/// and delivery.failed events give back), in SKU order. Every batch locks in the same order, whatever its orders,
/// lines, lanes and events, so two batches never deadlock; the consumers then work on rows already held, with no
/// further round trip.
/// </summary>
public sealed class InventoryBatchPreparer(InventoryDbContext db, StockLedger ledger, DecidedOrders decided) : IBatchPreparer
{
    public async Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken)
    {
        var releasing = batch.Where(Releases).Select(e => e.OrderId).Distinct(StringComparer.Ordinal).ToArray();
        decided.CancelInBatch(releasing);
        decided.CancelInBatch(batch.OfType<EventEnvelope<OrderCancelled>>().Select(e => e.OrderId));
        var ordered = batch.OfType<EventEnvelope<OrderCreated>>().Where(e => !decided.IsCancelledInBatch(e.OrderId)).ToList();

        await decided.LoadAsync([.. ordered.Select(e => e.OrderId)], cancellationToken);

        var skus = new HashSet<string>(ordered.SelectMany(e => e.Payload.Items).Select(line => line.Sku), StringComparer.Ordinal);
        if (releasing.Length > 0)
        {
            skus.UnionWith(await db.Reservations
                .Where(r => releasing.Contains(r.OrderId) && r.Status == ReservationStatus.Reserved)
                .SelectMany(r => r.Lines.Select(line => line.Sku))
                .ToListAsync(cancellationToken));
        }

        skus.RemoveWhere(string.IsNullOrWhiteSpace);
        if (skus.Count > 0)
        {
            await ledger.LockAsync(skus, cancellationToken);
        }
    }

    private static bool Releases(IEventEnvelope envelope) =>
        envelope is EventEnvelope<PaymentFailed> or EventEnvelope<DeliveryCancelled> or EventEnvelope<DeliveryFailed>;
}
