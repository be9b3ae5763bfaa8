namespace Fulfillment.Messages;

/// <summary>
/// <c>invoice.credited</c>: an invoiced order was cancelled or its delivery failed, so invoice-service issued a credit
/// note for the whole invoice, numbered <c>CN-&lt;year&gt;-&lt;6 digits&gt;</c> without gaps like the invoices.
/// Emitted at most once per invoice.
/// </summary>
public sealed record InvoiceCredited(
    string CreditNoteNumber,
    string InvoiceNumber,
    decimal Gross,
    string Currency,
    string Reason,
    DateTimeOffset CreditedAt);
