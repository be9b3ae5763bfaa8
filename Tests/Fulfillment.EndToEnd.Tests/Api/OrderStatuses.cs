namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary>The lifecycle states of the contract, shared by query-api's read model and the order saga.</summary>
public static class OrderStatuses
{
    public const string Created = "CREATED";
    public const string InventoryReserved = "INVENTORY_RESERVED";
    public const string PaymentAuthorized = "PAYMENT_AUTHORIZED";
    public const string DeliveryAssigned = "DELIVERY_ASSIGNED";
    public const string Delivered = "DELIVERED";
    public const string PaymentFailed = "PAYMENT_FAILED";
    public const string InventoryRejected = "INVENTORY_REJECTED";

    /// <summary>A driver has the order: the furthest the happy path gets within a test (delivery takes minutes).</summary>
    public static bool IsWithDriver(string status) => status is DeliveryAssigned or Delivered;
}
