namespace Fulfillment.QueryApi.Orders.Queries;

/// <summary>The order's invoice, as invoice-service issued it, and the credit note that cancelled it.</summary>
public sealed record OrderInvoice(
    string Number,
    decimal? Gross,
    string? Currency,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? DueAt,
    string? CreditNoteNumber,
    DateTimeOffset? CreditedAt);
