namespace Fulfillment.Messages;

/// <summary>The <c>eventType</c> strings of the contract (docs/event-contracts.md).</summary>
public static class EventTypes
{
    public const string OrderCreated = "order.created";
    public const string OrderConfirmed = "order.confirmed";
    public const string OrderCancelled = "order.cancelled";
    public const string InventoryReserved = "inventory.reserved";
    public const string InventoryRejected = "inventory.rejected";
    public const string InventoryReleased = "inventory.released";
    public const string PaymentAuthorized = "payment.authorized";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentRefunded = "payment.refunded";
    public const string DeliveryAssigned = "delivery.assigned";
    public const string EtaUpdated = "eta.updated";
    public const string DeliveryCompleted = "delivery.completed";
    public const string DeliveryCancelled = "delivery.cancelled";
    public const string DeliveryFailed = "delivery.failed";
    public const string InvoiceIssued = "invoice.issued";
    public const string InvoiceCredited = "invoice.credited";
    public const string NotificationSent = "notification.sent";
}
