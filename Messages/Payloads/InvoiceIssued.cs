namespace Fulfillment.Messages;

/// <summary>
/// <c>invoice.issued</c>: invoice-service issued the order's one invoice, numbered without gaps per year
/// (<c>INV-2026-000001</c>).
/// <c>taxRate</c> is a fraction (0.2 = 20 %).
/// </summary>
public sealed record InvoiceIssued(
    string InvoiceNumber,
    string CustomerId,
    IReadOnlyList<InvoiceLine> Lines,
    decimal Net,
    decimal TaxRate,
    decimal Tax,
    decimal Gross,
    string Currency,
    DateTimeOffset IssuedAt,
    DateTimeOffset DueAt);
