using Fulfillment.InvoiceService.Numbering;
using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;

namespace Fulfillment.InvoiceService.Invoices;

/// <summary>
/// Before a batch of order.confirmed events is handled: one query for which of its orders are already invoiced, then
/// one statement that takes the numbers of all the others from the year's counter (locking it until the batch
/// commits). A batch costs two round trips before its one save, whatever its size, and the counter's lock is taken
/// last, just before the consumers run, so it is held as briefly as the batch allows.
/// </summary>
public sealed class InvoiceBatchPreparer(InvoicedOrders invoiced, InvoiceNumbers numbers) : IBatchPreparer
{
    public async Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken)
    {
        var orderIds = batch.OfType<EventEnvelope<OrderConfirmed>>().Select(e => e.OrderId).Distinct(StringComparer.Ordinal).ToList();
        if (orderIds.Count == 0)
        {
            return;
        }

        await invoiced.LoadAsync(orderIds, cancellationToken);
        // Exactly the orders the consumers will invoice: each invoices an order that has none, once. An invalid
        // order.confirmed among them throws in its consumer and rolls the numbers back with the batch.
        await numbers.TakeAsync(invoiced.WithoutInvoice(orderIds), cancellationToken);
    }
}
