namespace Fulfillment.OrderService.Status;

/// <summary>What one lifecycle event tells order-service about its order.</summary>
public enum OrderStep
{
    /// <summary>inventory.reserved.</summary>
    StockReserved,

    /// <summary>inventory.rejected.</summary>
    StockRejected,

    /// <summary>payment.authorized.</summary>
    PaymentAuthorized,

    /// <summary>payment.failed.</summary>
    PaymentFailed,

    /// <summary>delivery.assigned.</summary>
    OutForDelivery,

    /// <summary>delivery.completed.</summary>
    Delivered,

    /// <summary>delivery.cancelled: the customer's cancel came in time (decision 0019).</summary>
    Cancelled,

    /// <summary>delivery.failed: no delivery for this paid order.</summary>
    DeliveryFailed,

    /// <summary>payment.refunded: the authorization was paid back.</summary>
    Refunded,

    /// <summary>inventory.released: the reservation was given back.</summary>
    StockReleased,
}
