namespace Fulfillment.OrderService.Persistence;

/// <summary>A row of <c>orders</c>: the order as order-service accepted it, and how far it has come since.</summary>
/// <remarks>
/// The <c>...At</c> steps are the <c>occurredAt</c> of the event that reported each one (the earliest, should one be
/// reported twice); <see cref="ConfirmedAt"/> is derived from them (<see cref="Status.OrderProgression"/>).
/// </remarks>
public sealed class Order
{
    public Guid OrderId { get; set; }

    public required string CustomerId { get; set; }

    /// <summary>Where the customer wants to be told about the order; null when they gave no address.</summary>
    public string? CustomerEmail { get; set; }

    public required string Status { get; set; }

    public required string Currency { get; set; }

    public decimal Total { get; set; }

    public double DeliveryLatitude { get; set; }

    public double DeliveryLongitude { get; set; }

    public required string CorrelationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>inventory.reserved.</summary>
    public DateTimeOffset? StockReservedAt { get; set; }

    /// <summary>payment.authorized.</summary>
    public DateTimeOffset? PaymentAuthorizedAt { get; set; }

    /// <summary>When the order was confirmed (stock reserved and payment authorized).</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }

    /// <summary>delivery.assigned.</summary>
    public DateTimeOffset? OutForDeliveryAt { get; set; }

    /// <summary>delivery.completed.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>inventory.rejected.</summary>
    public DateTimeOffset? RejectedAt { get; set; }

    /// <summary>payment.failed.</summary>
    public DateTimeOffset? PaymentFailedAt { get; set; }

    /// <summary>When order-service accepted the customer's cancel (and wrote order.cancelled); set once.</summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }

    /// <summary>The reason the customer gave, or the default one.</summary>
    public string? CancelReason { get; set; }

    /// <summary>delivery.cancelled: the cancel came in time.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>delivery.failed.</summary>
    public DateTimeOffset? DeliveryFailedAt { get; set; }

    /// <summary>The delivery.failed code (<see cref="Messages.DeliveryFailureCodes"/>).</summary>
    public string? DeliveryFailureCode { get; set; }

    /// <summary>The delivery.failed reason, for people.</summary>
    public string? DeliveryFailureReason { get; set; }

    /// <summary>payment.refunded.</summary>
    public DateTimeOffset? RefundedAt { get; set; }

    /// <summary>The gateway's refund id, from payment.refunded.</summary>
    public string? RefundId { get; set; }

    /// <summary>inventory.released: the reservation was given back.</summary>
    public DateTimeOffset? StockReleasedAt { get; set; }

    public List<OrderItem> Lines { get; set; } = [];
}
