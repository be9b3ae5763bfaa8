namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>The invoice part of query-api's order view.</summary>
public sealed record OrderInvoice(string Number, decimal? Gross, string? CreditNoteNumber = null, DateTimeOffset? CreditedAt = null);
