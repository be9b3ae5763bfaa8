using Fulfillment.InvoiceService.Numbering;
using Fulfillment.InvoiceService.Persistence;
using Fulfillment.Messages;
using Fulfillment.Messaging.Persistence;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Fulfillment.InvoiceService.Invoices;

/// <summary>
/// <c>order.confirmed</c> → one invoice with the next number of the year → <c>invoice.issued</c>, in the unit of work's
/// transaction (the consumer host's batch, or the harness' UnitOfWorkFilter), which saves and commits. A second
/// order.confirmed for an invoiced order (re-sent under a new eventId, or replayed from the dead-letter topic) issues
/// nothing and takes no number; one redelivered under the same eventId never gets here (the inbox). An order whose
/// delivery was cancelled or failed first (<see cref="CreditInvoice"/>) is never invoiced.
/// </summary>
public sealed class IssueInvoice(
    InvoiceDbContext db,
    OrderLocks locks,
    InvoicedOrders invoiced,
    OrderCancellations cancellations,
    InvoiceNumbers numbers,
    IOptions<InvoiceOptions> options,
    ILogger<IssueInvoice> logger) : IConsumer<EventEnvelope<OrderConfirmed>>
{
    public async Task Consume(ConsumeContext<EventEnvelope<OrderConfirmed>> context)
    {
        var envelope = context.Message;
        var order = envelope.Payload;
        var cancellationToken = context.CancellationToken;

        // Checked before a number is taken, under the order's lock (its verdict comes on another topic). The unique
        // order_id is the safety net should two ever race.
        await locks.LockAsync(envelope.OrderId, cancellationToken);
        if (await invoiced.IsInvoicedAsync(envelope.OrderId, cancellationToken))
        {
            Log.OrderAlreadyInvoiced(logger, envelope.OrderId);
            return;
        }

        if (await cancellations.IsCancelledAsync(envelope.OrderId, cancellationToken))
        {
            Log.OrderCancelledBeforeInvoice(logger, envelope.OrderId);
            return;
        }

        // Throws for an order that cannot be invoiced, before a number is taken (and the rollback returns any the
        // batch preparer took).
        var amounts = InvoiceAmounts.For(order, options.Value.TaxRateFor(order.Currency));
        var number = await numbers.ForOrderAsync(envelope.OrderId, cancellationToken);
        var invoiceNumber = number.ToString();
        var issuedAt = numbers.IssuedAt;
        var dueAt = (issuedAt + options.Value.PaymentTerm).ToMicroseconds();

        db.Invoices.Add(new Invoice
        {
            InvoiceNumber = invoiceNumber,
            Year = number.Year,
            Sequence = number.Sequence,
            OrderId = envelope.OrderId,
            CustomerId = order.CustomerId,
            Currency = order.Currency,
            Net = amounts.Net,
            TaxRate = amounts.TaxRate,
            Tax = amounts.Tax,
            Gross = amounts.Gross,
            IssuedAt = issuedAt,
            DueAt = dueAt,
            SourceEventId = envelope.EventId,
            Items = [.. amounts.Lines.Select((line, i) => new InvoiceItem
            {
                InvoiceNumber = invoiceNumber,
                LineNo = i + 1,
                Sku = line.Sku,
                Quantity = line.Quantity,
                UnitPrice = line.UnitPrice,
                Net = line.Net,
            })],
        });
        invoiced.Add(envelope.OrderId);

        await context.Publish(
            new InvoiceIssued(
                invoiceNumber,
                order.CustomerId,
                amounts.Lines,
                amounts.Net,
                amounts.TaxRate,
                amounts.Tax,
                amounts.Gross,
                order.Currency,
                issuedAt,
                dueAt),
            cancellationToken);
        Log.InvoiceIssued(logger, envelope.OrderId, invoiceNumber, amounts.Gross, order.Currency);
    }
}
