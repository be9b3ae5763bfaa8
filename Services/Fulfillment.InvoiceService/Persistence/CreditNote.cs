namespace Fulfillment.InvoiceService.Persistence;

/// <summary>
/// A row of <c>credit_notes</c>: the one credit note that cancels an invoice whole, because the order was cancelled
/// or its delivery failed after it was invoiced. Never changed once written.
/// </summary>
public sealed class CreditNote
{
    /// <summary><c>CN-&lt;year&gt;-&lt;sequence, 6 digits&gt;</c>; <see cref="Year"/> and <see cref="Sequence"/> are its parts.</summary>
    public required string CreditNoteNumber { get; set; }

    public int Year { get; set; }

    public int Sequence { get; set; }

    public required string InvoiceNumber { get; set; }

    public required string OrderId { get; set; }

    /// <summary>The invoice's gross: the whole of it is credited.</summary>
    public decimal Gross { get; set; }

    public required string Currency { get; set; }

    /// <summary><c>order cancelled</c> or <c>delivery failed</c>.</summary>
    public required string Reason { get; set; }

    public DateTimeOffset CreditedAt { get; set; }

    /// <summary>The delivery.cancelled or delivery.failed event that was credited.</summary>
    public Guid SourceEventId { get; set; }
}
