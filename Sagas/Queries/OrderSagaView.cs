namespace Fulfillment.Sagas.Queries;

/// <summary>An order's saga as <c>GET /api/sagas/{orderId}</c> shows it.</summary>
/// <remarks>
/// <c>State</c> is one of <see cref="OrderSagaStatus"/>; <c>Terminal</c> means no further lifecycle step is expected
/// (DELIVERED, CANCELLED or a failure); <c>Compensation</c> is null unless the order is cancelled, declined or failed;
/// <c>StateEnteredAt</c> is when the saga entered <c>State</c> (what the stalled detector measures);
/// <c>History</c> lists every recorded event and flag, oldest first.
/// </remarks>
public sealed record OrderSagaView(
    string OrderId,
    Guid CorrelationId,
    string State,
    int Version,
    bool Terminal,
    bool Stalled,
    DateTimeOffset? StalledAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset StateEnteredAt,
    OrderSagaMilestones Milestones,
    bool StockReleased,
    string? FailureReason,
    string? InvoiceNumber,
    string? CancelReason,
    string? RefundId,
    string? CreditNoteNumber,
    OrderSagaCompensation? Compensation,
    DateTimeOffset? EstimatedArrival,
    IReadOnlyList<SagaTransition> History)
{
    public static OrderSagaView From(OrderState saga)
    {
        ArgumentNullException.ThrowIfNull(saga);
        return new OrderSagaView(
            saga.OrderId,
            saga.CorrelationId,
            saga.CurrentState,
            saga.Version,
            OrderSagaStatus.IsTerminal(saga.CurrentState),
            saga.Stalled,
            saga.StalledAt,
            saga.CreatedAt,
            saga.UpdatedAt,
            saga.StateEnteredAt,
            new OrderSagaMilestones(
                saga.OrderCreatedAt,
                saga.InventoryReservedAt,
                saga.InventoryRejectedAt,
                saga.PaymentAuthorizedAt,
                saga.PaymentFailedAt,
                saga.OrderConfirmedAt,
                saga.InvoiceIssuedAt,
                saga.StockReleasedAt,
                saga.DeliveryAssignedAt,
                saga.DeliveredAt,
                saga.CancelRequestedAt,
                saga.CancelledAt,
                saga.DeliveryFailedAt,
                saga.PaymentRefundedAt,
                saga.InvoiceCreditedAt),
            saga.StockReleased,
            saga.FailureReason,
            saga.InvoiceNumber,
            saga.CancelReason,
            saga.RefundId,
            saga.CreditNoteNumber,
            CompensationOf(saga),
            saga.EstimatedArrival,
            saga.History);
    }

    private static OrderSagaCompensation? CompensationOf(OrderState saga)
    {
        if (!OrderCompensation.Applies(saga.CurrentState))
        {
            return null;
        }

        var steps = OrderCompensation.StepsFor(saga);
        return new OrderSagaCompensation(steps, steps.All(step => step.Done), saga.CompensationOverdueAt);
    }
}
