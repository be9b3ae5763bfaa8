using Fulfillment.InvoiceService.Numbering;
using Fulfillment.InvoiceService.Persistence;
using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InvoiceService.Invoices;

/// <summary>
/// Before a batch of order.confirmed, delivery.cancelled and delivery.failed events is handled: its orders locked in
/// one statement, in the locks' canonical order; one query each for which orders are already invoiced, cancelled
/// before their invoice, or invoiced and not yet credited; then one statement per series that takes the numbers of
/// every invoice and every credit note the batch will issue from the year's counters (locking them until the batch
/// commits, invoices' first, always). The counters' locks are taken last, just before the consumers run, so they are
/// held as briefly as the batch allows.
/// </summary>
public sealed class InvoiceBatchPreparer(
    InvoiceDbContext db,
    OrderLocks locks,
    InvoicedOrders invoiced,
    OrderCancellations cancellations,
    InvoiceNumbers invoiceNumbers,
    CreditNoteNumbers creditNoteNumbers) : IBatchPreparer
{
    public async Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken)
    {
        var confirmed = batch.OfType<EventEnvelope<OrderConfirmed>>().Select(e => e.OrderId).Distinct(StringComparer.Ordinal).ToList();
        var verdicts = batch.Where(e => e is EventEnvelope<DeliveryCancelled> or EventEnvelope<DeliveryFailed>)
            .Select(e => e.OrderId).Distinct(StringComparer.Ordinal).ToArray();
        if (confirmed.Count + verdicts.Length == 0)
        {
            return;
        }

        await locks.LockAsync([.. confirmed, .. verdicts], cancellationToken);
        cancellations.VerdictsInBatch(verdicts);
        await invoiced.LoadAsync(confirmed, cancellationToken);
        await cancellations.LoadAsync(confirmed, cancellationToken);
        var toCredit = verdicts.Length == 0
            ? []
            : await db.Invoices.Where(i => verdicts.Contains(i.OrderId) && i.CreditNote == null).Select(i => i.OrderId).ToListAsync(cancellationToken);

        // Exactly the orders the consumers will invoice or credit: each invoices an order that has no invoice and no
        // verdict, once, and credits an invoice that has no credit note, once. An invalid order.confirmed among them
        // throws in its consumer and rolls the numbers back with the batch.
        await invoiceNumbers.TakeAsync(cancellations.NotCancelled(invoiced.WithoutInvoice(confirmed)), cancellationToken);
        await creditNoteNumbers.TakeAsync(toCredit, cancellationToken);
    }
}
