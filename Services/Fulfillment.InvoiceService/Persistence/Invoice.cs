namespace Fulfillment.InvoiceService.Persistence;

/// <summary>A row of <c>invoices</c>: the one invoice issued for a confirmed order. Never changed once written.</summary>
public sealed class Invoice
{
    /// <summary><c>INV-&lt;year&gt;-&lt;sequence, 6 digits&gt;</c>; <see cref="Year"/> and <see cref="Sequence"/> are its parts.</summary>
    public required string InvoiceNumber { get; set; }

    public int Year { get; set; }

    public int Sequence { get; set; }

    public required string OrderId { get; set; }

    public required string CustomerId { get; set; }

    public required string Currency { get; set; }

    public decimal Net { get; set; }

    public decimal TaxRate { get; set; }

    public decimal Tax { get; set; }

    public decimal Gross { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>The order.confirmed event that was invoiced.</summary>
    public Guid SourceEventId { get; set; }

    public List<InvoiceItem> Items { get; set; } = [];

    /// <summary>The credit note that cancels this invoice, if the order was cancelled or its delivery failed.</summary>
    public CreditNote? CreditNote { get; set; }
}
