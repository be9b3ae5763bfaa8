namespace Fulfillment.OrderService.Persistence;

/// <summary>
/// The order's own status as order-service keeps it (the owner's view; the saga and query-api's read model keep the
/// lifecycle's finer states). <c>PENDING → CONFIRMED → OUT_FOR_DELIVERY → DELIVERED</c>, or <c>REJECTED</c> /
/// <c>PAYMENT_FAILED</c>; <see cref="Status.OrderProgression"/> moves it and never back.
/// </summary>
/// <remarks>
/// DESIGN.md §10 adds <c>CANCELLED</c> and <c>DELIVERY_FAILED</c> with cancellation: they will be terminal like the two
/// failures here, reached from the open or the confirmed path, and need only a constant and a case in
/// <see cref="Status.OrderProgression"/>.
/// </remarks>
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

    /// <summary>
    /// What order-service stored before it kept a status (migration 0001). Migration 0002 turned every such row into
    /// <see cref="Pending"/>; an instance of the older build still running during a rolling deployment may write it,
    /// so it is read as <see cref="Pending"/>.
    /// </summary>
    public const string LegacyCreated = "CREATED";
}
