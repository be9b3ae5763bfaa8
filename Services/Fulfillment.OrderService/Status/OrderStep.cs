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
}
