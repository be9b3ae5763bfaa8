namespace Fulfillment.Messages;

/// <summary>One line of an invoice: the order line and its net amount (quantity × unit price).</summary>
public sealed record InvoiceLine(string Sku, int Quantity, decimal UnitPrice, decimal Net);
