namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>The credit note on invoice-service's invoice (the fields the tests read).</summary>
public sealed record CreditNoteView(string CreditNoteNumber, decimal Gross, string Reason);
