using Fulfillment.InvoiceService.Persistence;
using Fulfillment.Messages;

namespace Fulfillment.InvoiceService.Invoices;

/// <summary>An invoice as the HTTP API shows it: what invoice.issued said, the order it belongs to, and its credit note if any.</summary>
public sealed record InvoiceResponse(
    string InvoiceNumber,
    string OrderId,
    string CustomerId,
    IReadOnlyList<InvoiceLine> Lines,
    decimal Net,
    decimal TaxRate,
    decimal Tax,
    decimal Gross,
    string Currency,
    DateTimeOffset IssuedAt,
    DateTimeOffset DueAt,
    CreditNoteResponse? CreditNote)
{
    public static InvoiceResponse From(Invoice invoice) =>
        new(
            invoice.InvoiceNumber,
            invoice.OrderId,
            invoice.CustomerId,
            [.. invoice.Items.OrderBy(i => i.LineNo).Select(i => new InvoiceLine(i.Sku, i.Quantity, i.UnitPrice, i.Net))],
            invoice.Net,
            invoice.TaxRate,
            invoice.Tax,
            invoice.Gross,
            invoice.Currency,
            invoice.IssuedAt,
            invoice.DueAt,
            CreditNoteResponse.From(invoice.CreditNote));
}
