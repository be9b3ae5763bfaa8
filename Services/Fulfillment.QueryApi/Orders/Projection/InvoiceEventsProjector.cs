using Fulfillment.Messages;
using MassTransit;

namespace Fulfillment.QueryApi.Orders.Projection;

/// <summary>Projects <c>raw.invoice-events</c>: the order's invoice and its credit note.</summary>
public sealed class InvoiceEventsProjector(OrderProjection projection) :
    IConsumer<EventEnvelope<InvoiceIssued>>,
    IConsumer<EventEnvelope<InvoiceCredited>>
{
    public Task Consume(ConsumeContext<EventEnvelope<InvoiceIssued>> context)
    {
        // Only a confirmed order is invoiced, so an invoice proves PAYMENT_AUTHORIZED too.
        var issued = context.Message;
        var invoice = issued.Payload;
        return projection.ApplyAsync(
            new OrderFacts(issued, OrderStatus.PaymentAuthorized)
            {
                CustomerId = invoice.CustomerId,
                InvoiceNumber = invoice.InvoiceNumber,
                InvoiceGross = invoice.Gross,
                InvoiceIssuedAt = invoice.IssuedAt,
                InvoiceDueAt = invoice.DueAt,
            },
            context.CancellationToken);
    }

    public Task Consume(ConsumeContext<EventEnvelope<InvoiceCredited>> context)
    {
        var credited = context.Message;
        var credit = credited.Payload;
        return projection.ApplyAsync(
            new OrderFacts(credited, OrderStatus.PaymentAuthorized)
            {
                InvoiceNumber = credit.InvoiceNumber,
                CreditNoteNumber = credit.CreditNoteNumber,
                InvoiceCreditedAt = credit.CreditedAt,
            },
            context.CancellationToken);
    }
}
