namespace Fulfillment.OrderService.Persistence;

/// <summary>
/// The order's own status as order-service keeps it (the owner's view; the saga and query-api's read model keep the
/// lifecycle's finer states). <c>PENDING → CONFIRMED → OUT_FOR_DELIVERY → DELIVERED</c>, or <c>REJECTED</c> /
/// <c>PAYMENT_FAILED</c>, or the verdicts <c>DELIVERY_FAILED</c> and <c>CANCELLED</c> (decision 0019);
/// <see cref="Status.OrderProgression"/> moves it and never back.
/// </summary>
public static class OrderStatuses
{
    /// <summary>Accepted; stock and payment not both known to be settled yet.</summary>
    public const string Pending = "PENDING";

    /// <summary>Stock reserved and payment authorized: order.confirmed has been emitted.</summary>
    public const string Confirmed = "CONFIRMED";

    /// <summary>A driver is assigned (delivery.assigned).</summary>
    public const string OutForDelivery = "OUT_FOR_DELIVERY";

    /// <summary>The driver reached the address (delivery.completed). Terminal.</summary>
    public const string Delivered = "DELIVERED";

    /// <summary>Out of stock (inventory.rejected). Terminal.</summary>
    public const string Rejected = "REJECTED";

    /// <summary>The payment was declined (payment.failed). Terminal.</summary>
    public const string PaymentFailed = "PAYMENT_FAILED";

    /// <summary>delivery-service could not deliver the paid order (delivery.failed); refund and release follow. Terminal.</summary>
    public const string DeliveryFailed = "DELIVERY_FAILED";

    /// <summary>delivery-service accepted the customer's cancel (delivery.cancelled); refund and release follow. Terminal, above every other status.</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>
    /// What order-service stored before it kept a status (migration 0001). Migration 0002 turned every such row into
    /// <see cref="Pending"/>; an instance of the older build still running during a rolling deployment may write it,
    /// so it is read as <see cref="Pending"/>.
    /// </summary>
    public const string LegacyCreated = "CREATED";
}
