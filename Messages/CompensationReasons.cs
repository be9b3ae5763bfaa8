namespace Fulfillment.Messages;

/// <summary>
/// The <c>reason</c> of an <c>inventory.released</c>, <c>payment.refunded</c>, <c>invoice.credited</c>, and of a
/// <c>payment.failed</c> declined because the order was cancelled first (decision 0019).
/// </summary>
public static class CompensationReasons
{
    public const string PaymentFailed = "payment failed";
    public const string OrderCancelled = "order cancelled";
    public const string DeliveryFailed = "delivery failed";
}
