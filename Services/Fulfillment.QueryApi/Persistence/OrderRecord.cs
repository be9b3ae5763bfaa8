namespace Fulfillment.QueryApi.Persistence;

/// <summary>A row of <c>orders</c>. Written only by the projection's SQL merge; EF reads it.</summary>
public sealed class OrderRecord
{
    public required string OrderId { get; set; }

    public required string Status { get; set; }

    public short StatusRank { get; set; }

    public string? CorrelationId { get; set; }

    public string? CustomerId { get; set; }

    /// <summary>The order lines as JSON (<c>jsonb</c>).</summary>
    public string? Items { get; set; }

    public decimal? Total { get; set; }

    public string? Currency { get; set; }

    public double? DeliveryLatitude { get; set; }

    public double? DeliveryLongitude { get; set; }

    public string? ReservationId { get; set; }

    public string? Warehouse { get; set; }

    public string? InventoryRejectionReason { get; set; }

    public string? InventoryReleaseReason { get; set; }

    public string? PaymentId { get; set; }

    public string? PaymentAuthCode { get; set; }

    public string? PaymentFailureReason { get; set; }

    public string? DeliveryId { get; set; }

    public string? DriverId { get; set; }

    public DateTimeOffset? Eta { get; set; }

    public int? EtaSequence { get; set; }

    public double? DriverLatitude { get; set; }

    public double? DriverLongitude { get; set; }

    public double? RemainingKm { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? InventoryReservedAt { get; set; }

    public DateTimeOffset? InventoryRejectedAt { get; set; }

    public DateTimeOffset? InventoryReleasedAt { get; set; }

    public DateTimeOffset? PaymentAuthorizedAt { get; set; }

    public DateTimeOffset? PaymentFailedAt { get; set; }

    public DateTimeOffset? DeliveryAssignedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? ConfirmedAt { get; set; }

    public string? InvoiceNumber { get; set; }

    public decimal? InvoiceGross { get; set; }

    public DateTimeOffset? InvoiceIssuedAt { get; set; }

    public DateTimeOffset? InvoiceDueAt { get; set; }

    public DateTimeOffset? CancelRequestedAt { get; set; }

    public string? CancelReason { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public DateTimeOffset? DeliveryFailedAt { get; set; }

    public string? DeliveryFailureCode { get; set; }

    public string? DeliveryFailureReason { get; set; }

    public string? RefundId { get; set; }

    public DateTimeOffset? PaymentRefundedAt { get; set; }

    public string? CreditNoteNumber { get; set; }

    public DateTimeOffset? InvoiceCreditedAt { get; set; }

    public DateTimeOffset FirstEventAt { get; set; }

    public DateTimeOffset LastEventAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
