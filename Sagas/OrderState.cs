using MassTransit;

namespace Fulfillment.Sagas;

/// <summary>One order's saga instance: where the order is in its lifecycle and how it got there.</summary>
/// <remarks>
/// Milestone timestamps are the events' <c>occurredAt</c> (when it happened, whatever the arrival order);
/// <see cref="UpdatedAt"/>, <see cref="StateEnteredAt"/> and the history's <c>at</c> are the saga's own clock (when it
/// learned it), which is what "no progress for five minutes" is measured against.
/// </remarks>
public sealed class OrderState : SagaStateMachineInstance, ISagaVersion
{
    /// <summary><see cref="OrderSagaId.From"/> of <see cref="OrderId"/>.</summary>
    public Guid CorrelationId { get; set; }

    public string OrderId { get; set; } = "";

    /// <summary>One of <see cref="OrderSagaStatus"/> once the first event is handled.</summary>
    public string CurrentState { get; set; } = "";

    /// <summary>Bumped by every write to the database: the optimistic concurrency token.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the saga entered <see cref="CurrentState"/>.</summary>
    public DateTimeOffset StateEnteredAt { get; set; }

    public DateTimeOffset? OrderCreatedAt { get; set; }

    public DateTimeOffset? InventoryReservedAt { get; set; }

    public DateTimeOffset? InventoryRejectedAt { get; set; }

    public DateTimeOffset? PaymentAuthorizedAt { get; set; }

    public DateTimeOffset? PaymentFailedAt { get; set; }

    /// <summary>order-service confirmed the order (stock and payment both secured).</summary>
    public DateTimeOffset? OrderConfirmedAt { get; set; }

    public DateTimeOffset? InvoiceIssuedAt { get; set; }

    public string? InvoiceNumber { get; set; }

    public DateTimeOffset? DeliveryAssignedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The customer asked to cancel (order.cancelled); the verdict is <see cref="CancelledAt"/> or a driver.</summary>
    public DateTimeOffset? CancelRequestedAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>delivery-service accepted the cancellation (delivery.cancelled).</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>delivery-service will not deliver (delivery.failed); its reason is <see cref="FailureReason"/>.</summary>
    public DateTimeOffset? DeliveryFailedAt { get; set; }

    public DateTimeOffset? PaymentRefundedAt { get; set; }

    public string? RefundId { get; set; }

    public DateTimeOffset? InvoiceCreditedAt { get; set; }

    public string? CreditNoteNumber { get; set; }

    /// <summary>When the detector found the compensation of this cancelled or failed order incomplete in time.</summary>
    public DateTimeOffset? CompensationOverdueAt { get; set; }

    /// <summary>The reservation was given back (the compensation after a failed payment, a cancel or a failed delivery).</summary>
    public bool StockReleased { get; set; }

    public DateTimeOffset? StockReleasedAt { get; set; }

    /// <summary>The reason of the rejection, the decline or the failed delivery.</summary>
    public string? FailureReason { get; set; }

    /// <summary>The latest ETA: the one with the highest sequence (delivery.assigned counts as sequence 0).</summary>
    public DateTimeOffset? EstimatedArrival { get; set; }

    public int? EtaSequence { get; set; }

    /// <summary>No progress for longer than the configured limit (set by the detector, cleared by the next transition).</summary>
    public bool Stalled { get; set; }

    public DateTimeOffset? StalledAt { get; set; }

    /// <summary>Every event that changed the saga, and the detector's flags, in the order the saga recorded them.</summary>
    public List<SagaTransition> History { get; set; } = [];
}
