namespace Fulfillment.Sagas.Queries;

/// <summary>When each step happened, as its producer said (<c>occurredAt</c>); null when not seen.</summary>
public sealed record OrderSagaMilestones(
    DateTimeOffset? OrderCreated,
    DateTimeOffset? InventoryReserved,
    DateTimeOffset? InventoryRejected,
    DateTimeOffset? PaymentAuthorized,
    DateTimeOffset? PaymentFailed,
    DateTimeOffset? OrderConfirmed,
    DateTimeOffset? InvoiceIssued,
    DateTimeOffset? StockReleased,
    DateTimeOffset? DeliveryAssigned,
    DateTimeOffset? Delivered,
    DateTimeOffset? CancelRequested,
    DateTimeOffset? Cancelled,
    DateTimeOffset? DeliveryFailed,
    DateTimeOffset? PaymentRefunded,
    DateTimeOffset? InvoiceCredited);
