using Fulfillment.InvoiceService.Persistence;

namespace Fulfillment.InvoiceService.Invoices;

/// <summary>The credit note that cancels an invoice, as the HTTP API shows it with the invoice: what invoice.credited said.</summary>
public sealed record CreditNoteResponse(string CreditNoteNumber, decimal Gross, string Currency, string Reason, DateTimeOffset CreditedAt)
{
    public static CreditNoteResponse? From(CreditNote? creditNote) =>
        creditNote is null
            ? null
            : new(creditNote.CreditNoteNumber, creditNote.Gross, creditNote.Currency, creditNote.Reason, creditNote.CreditedAt);
}
