namespace Fulfillment.QueryApi.Orders;

/// <summary>An order's status in the read model; written as <c>CREATED</c>, <c>INVENTORY_RESERVED</c>, ... (docs/architecture.md, "Order lifecycle").</summary>
public enum OrderStatus
{
    Created,
    InventoryReserved,
    PaymentAuthorized,
    DeliveryAssigned,
    Delivered,
    PaymentFailed,
    InventoryRejected,
    DeliveryFailed,
    Cancelled,
}
