namespace Fulfillment.InventoryService.Reservations;

/// <summary>The <c>reason</c> of an <c>inventory.released</c> (docs/event-contracts.md).</summary>
public static class ReleaseReasons
{
    public const string PaymentFailed = "payment failed";

    public const string OrderCancelled = "order cancelled";

    public const string DeliveryFailed = "delivery failed";

    /// <summary>
    /// A payment declined because the order was cancelled first (payment-service's reason <c>order cancelled</c>) is
    /// released as cancelled, as its <c>delivery.cancelled</c> would be: the reason does not depend on which came first.
    /// </summary>
    public static string ForPaymentFailure(string paymentReason) =>
        paymentReason == OrderCancelled ? OrderCancelled : PaymentFailed;
}
