using Fulfillment.Messages;

namespace Fulfillment.QueryApi.Orders.Projection;

/// <summary>
/// What one event tells about its order: the least status it proves and whichever fields it carries. Unset fields
/// are unknown to this event, never "cleared": the merge only ever adds knowledge.
/// </summary>
internal sealed record OrderFacts(IEventEnvelope Event, OrderStatus Status)
{
    public string? CustomerId { get; init; }

    public IReadOnlyList<OrderLine>? Items { get; init; }

    public decimal? Total { get; init; }

    public string? Currency { get; init; }

    public GeoPoint? DeliveryAddress { get; init; }

    /// <summary>Set only by <c>order.created</c>: its order facts override what other events filled in before it.</summary>
    public bool IsOrderSource { get; init; }

    public string? ReservationId { get; init; }

    public string? Warehouse { get; init; }

    public string? InventoryRejectionReason { get; init; }

    public string? InventoryReleaseReason { get; init; }

    public string? PaymentId { get; init; }

    public string? PaymentAuthCode { get; init; }

    public string? PaymentFailureReason { get; init; }

    public string? DeliveryId { get; init; }

    public string? DriverId { get; init; }

    public DateTimeOffset? Eta { get; init; }

    /// <summary>0 for the ETA delivery.assigned carries, then eta.updated's sequence; the higher one wins.</summary>
    public int? EtaSequence { get; init; }

    public GeoPoint? DriverPosition { get; init; }

    public double? RemainingKm { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? InventoryReservedAt { get; init; }

    public DateTimeOffset? InventoryRejectedAt { get; init; }

    public DateTimeOffset? InventoryReleasedAt { get; init; }

    public DateTimeOffset? PaymentAuthorizedAt { get; init; }

    public DateTimeOffset? PaymentFailedAt { get; init; }

    public DateTimeOffset? DeliveryAssignedAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset? ConfirmedAt { get; init; }

    public string? InvoiceNumber { get; init; }

    public decimal? InvoiceGross { get; init; }

    public DateTimeOffset? InvoiceIssuedAt { get; init; }

    public DateTimeOffset? InvoiceDueAt { get; init; }

    public DateTimeOffset? CancelRequestedAt { get; init; }

    public string? CancelReason { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public DateTimeOffset? DeliveryFailedAt { get; init; }

    public string? DeliveryFailureCode { get; init; }

    public string? DeliveryFailureReason { get; init; }

    public string? RefundId { get; init; }

    public DateTimeOffset? PaymentRefundedAt { get; init; }

    public string? CreditNoteNumber { get; init; }

    public DateTimeOffset? InvoiceCreditedAt { get; init; }
}
