using Fulfillment.InvoiceService.Numbering;
using Fulfillment.InvoiceService.Persistence;
using Fulfillment.Messages;
using Fulfillment.Messaging.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InvoiceService.Invoices;

/// <summary>
/// Compensation (decision 0019): <c>delivery.cancelled</c> or <c>delivery.failed</c> for an invoiced order → one credit
/// note for the whole invoice, numbered from its own gapless series → <c>invoice.credited</c>. Before the invoice, the
/// verdict is remembered and the order is never invoiced. An invoice already credited gives nothing more.
/// </summary>
public sealed class CreditInvoice(
    InvoiceDbContext db,
    OrderLocks locks,
    OrderCancellations cancellations,
    CreditNoteNumbers numbers,
    ILogger<CreditInvoice> logger) : IConsumer<EventEnvelope<DeliveryCancelled>>, IConsumer<EventEnvelope<DeliveryFailed>>
{
    public Task Consume(ConsumeContext<EventEnvelope<DeliveryCancelled>> context) =>
        CreditAsync(context, context.Message, CreditReasons.OrderCancelled);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryFailed>> context) =>
        CreditAsync(context, context.Message, CreditReasons.DeliveryFailed);

    private async Task CreditAsync(ConsumeContext context, IEventEnvelope verdict, string reason)
    {
        var cancellationToken = context.CancellationToken;
        // With its order.confirmed on another topic, the verdict may be handled at the same moment by another
        // instance: the order's lock makes one of them see what the other wrote.
        await locks.LockAsync(verdict.OrderId, cancellationToken);
        var invoice = db.Invoices.Local.FirstOrDefault(i => i.OrderId == verdict.OrderId)
            ?? await db.Invoices.AsNoTracking().Include(i => i.CreditNote).SingleOrDefaultAsync(i => i.OrderId == verdict.OrderId, cancellationToken);
        if (invoice is null)
        {
            await cancellations.RememberAsync(verdict, reason, cancellationToken);
            Log.CancelledBeforeInvoice(logger, verdict.OrderId, verdict.EventType);
            return;
        }

        if (invoice.CreditNote is not null || db.CreditNotes.Local.Any(c => c.OrderId == verdict.OrderId))
        {
            Log.AlreadyCredited(logger, verdict.OrderId, invoice.InvoiceNumber, verdict.EventType);
            return;
        }

        var number = await numbers.ForOrderAsync(verdict.OrderId, cancellationToken);
        var creditNoteNumber = number.ToString();
        var creditedAt = numbers.IssuedAt;
        db.CreditNotes.Add(new CreditNote
        {
            CreditNoteNumber = creditNoteNumber,
            Year = number.Year,
            Sequence = number.Sequence,
            InvoiceNumber = invoice.InvoiceNumber,
            OrderId = verdict.OrderId,
            Gross = invoice.Gross,
            Currency = invoice.Currency,
            Reason = reason,
            CreditedAt = creditedAt,
            SourceEventId = verdict.EventId,
        });

        await context.Publish(
            new InvoiceCredited(creditNoteNumber, invoice.InvoiceNumber, invoice.Gross, invoice.Currency, reason, creditedAt),
            cancellationToken);
        Log.InvoiceCredited(logger, verdict.OrderId, invoice.InvoiceNumber, creditNoteNumber, invoice.Gross, invoice.Currency, reason);
    }
}
