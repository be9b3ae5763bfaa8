namespace Fulfillment.PaymentService.Payments;

/// <summary>The <c>reason</c> of a <c>payment.refunded</c>, and of a decline for an order cancelled first (decision 0019).</summary>
public static class RefundReasons
{
    public const string OrderCancelled = "order cancelled";

    public const string DeliveryFailed = "delivery failed";
}
