using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InventoryService.Reservations;

/// <summary>
/// Before a batch of order.created and payment.failed events is handled: one query for which of its orders are already
/// decided, and one locking read of every stock row the batch can touch (the SKUs ordered, the SKUs the failed
/// payments' reservations hold), in SKU order. Every batch locks in the same order, whatever its orders, lines and
/// lanes, so two batches never deadlock; the consumers then work on rows already held, with no further round trip.
/// </summary>
public sealed class InventoryBatchPreparer(InventoryDbContext db, StockLedger ledger, DecidedOrders decided) : IBatchPreparer
{
    public async Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken)
    {
        var ordered = batch.OfType<EventEnvelope<OrderCreated>>().ToList();
        var failedOrders = batch.OfType<EventEnvelope<PaymentFailed>>().Select(e => e.OrderId).Distinct(StringComparer.Ordinal).ToArray();

        await decided.LoadAsync([.. ordered.Select(e => e.OrderId)], cancellationToken);

        var skus = new HashSet<string>(ordered.SelectMany(e => e.Payload.Items).Select(line => line.Sku), StringComparer.Ordinal);
        if (failedOrders.Length > 0)
        {
            skus.UnionWith(await db.Reservations
                .Where(r => failedOrders.Contains(r.OrderId) && r.Status == ReservationStatus.Reserved)
                .SelectMany(r => r.Lines.Select(line => line.Sku))
                .ToListAsync(cancellationToken));
        }

        skus.RemoveWhere(string.IsNullOrWhiteSpace);
        if (skus.Count > 0)
        {
            await ledger.LockAsync(skus, cancellationToken);
        }
    }
}
