namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>invoice-service's invoice (the fields the tests read).</summary>
public sealed record InvoiceView(
    string InvoiceNumber,
    string OrderId,
    decimal Net,
    decimal TaxRate,
    decimal Tax,
    decimal Gross,
    string Currency,
    DateTimeOffset IssuedAt,
    DateTimeOffset DueAt,
    CreditNoteView? CreditNote = null);
