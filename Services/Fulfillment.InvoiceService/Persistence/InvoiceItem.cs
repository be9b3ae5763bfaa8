namespace Fulfillment.InvoiceService.Persistence;

/// <summary>
/// A row of <c>invoice_items</c>: one line of an invoice (the contract's <c>InvoiceLine</c>; named apart from it so
/// the two never meet in one file under the same name).
/// </summary>
public sealed class InvoiceItem
{
    public required string InvoiceNumber { get; set; }

    /// <summary>Position on the invoice, from 1, in the order's line order.</summary>
    public int LineNo { get; set; }

    public required string Sku { get; set; }

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    public decimal Net { get; set; }
}
