namespace Fulfillment.InvoiceService.Invoices;

/// <summary>The <c>reason</c> of an <c>invoice.credited</c> (docs/event-contracts.md).</summary>
public static class CreditReasons
{
    public const string OrderCancelled = "order cancelled";

    public const string DeliveryFailed = "delivery failed";
}
