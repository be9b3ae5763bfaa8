namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>
/// The lifecycle states these tests wait for, restated from the contract: query-api's read model and the saga, and
/// order-service's own status (its answer to POST and GET).
/// </summary>
public static class OrderStatuses
{
    /// <summary>order-service's status of a new order.</summary>
    public const string Pending = "PENDING";

    /// <summary>order-service's status of an order out of stock (query-api and the saga say INVENTORY_REJECTED).</summary>
    public const string Rejected = "REJECTED";

    public const string InventoryReserved = "INVENTORY_RESERVED";
    public const string DeliveryAssigned = "DELIVERY_ASSIGNED";
    public const string Delivered = "DELIVERED";
    public const string PaymentFailed = "PAYMENT_FAILED";
    public const string InventoryRejected = "INVENTORY_REJECTED";
    public const string Cancelled = "CANCELLED";
    public const string DeliveryFailed = "DELIVERY_FAILED";

    /// <summary>order-service's status once a driver has the order (a cancel then answers 409).</summary>
    public const string OutForDelivery = "OUT_FOR_DELIVERY";

    /// <summary>A driver has the order: the furthest the happy path gets within a test (delivery takes minutes).</summary>
    public static bool IsWithDriver(string status) => status is DeliveryAssigned or Delivered;
}
