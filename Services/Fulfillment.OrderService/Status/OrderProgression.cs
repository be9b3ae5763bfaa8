using Fulfillment.Messaging.Persistence;
using Fulfillment.OrderService.Persistence;

namespace Fulfillment.OrderService.Status;

/// <summary>
/// The rules of the order's own status, on the facts the lifecycle events report. Pure: the consumer locks the row,
/// applies a step, and publishes what the outcome says.
/// </summary>
/// <remarks>
/// <para>
/// Each event records the time of its step (its <c>occurredAt</c>; the earliest should the step be reported twice).
/// The status is the furthest point the recorded steps prove, and only ever moves forward:
/// <c>PENDING</c> (rank 0) → <c>CONFIRMED</c> (1: stock reserved and payment authorized) → <c>OUT_FOR_DELIVERY</c>
/// (2) → <c>DELIVERED</c> (3); from <c>PENDING</c> also to the terminal <c>REJECTED</c> or <c>PAYMENT_FAILED</c>.
/// Events of one order arrive on three topics in any order, so the rules hold whatever the order: every arrival order
/// of a history the contract allows ends in the same status with the same times, and leaves PENDING exactly once.
/// </para>
/// <para>
/// A skipped step is implied, not awaited (decision 0016): delivery-service assigns a driver only on
/// payment.authorized, which payment-service sends only after inventory.reserved, so a delivery.assigned or
/// delivery.completed that overtakes them proves the order confirmed. The status goes straight to the step reported,
/// and order.confirmed is due at that moment. <c>confirmedAt</c> is then the time of the earliest proof: the later of
/// the reservation and the authorization once both are known, until then the delivery step's time. A late event
/// fills in its time and never moves the status back.
/// </para>
/// <para>
/// A step that no allowed history puts after the current status (anything after a rejection, a decline after the
/// order was confirmed, a delivery after a declined payment) changes nothing: a confirmation already announced is not
/// taken back, and a failed order is not revived. The consumer logs it.
/// </para>
/// </remarks>
public static class OrderProgression
{
    public static StepOutcome Apply(Order order, OrderStep step, DateTimeOffset occurredAt)
    {
        var before = order.Status;
        if (Contradicts(before, step))
        {
            return new StepOutcome(before, before, Contradiction: true, BecameConfirmed: false);
        }

        // Microseconds: what timestamptz keeps, so the value compared in memory is the value stored.
        var at = occurredAt.ToUniversalTime().ToMicroseconds();
        Record(order, step, at);

        order.Status = step switch
        {
            OrderStep.StockRejected => OrderStatuses.Rejected,
            OrderStep.PaymentFailed => OrderStatuses.PaymentFailed,
            // A reservation arriving after its payment.failed: its time is recorded, the order stays failed.
            _ when IsFailed(before) => before,
            _ => Rank(Furthest(order)) > Rank(before) ? Furthest(order) : Normalized(before),
        };

        if (!IsFailed(order.Status))
        {
            order.ConfirmedAt = Earliest(Earliest(BothKnown(order), order.OutForDeliveryAt), order.DeliveredAt);
        }

        var becameConfirmed = Rank(before) == 0 && Rank(order.Status) > 0;
        return new StepOutcome(before, order.Status, Contradiction: false, becameConfirmed);
    }

    private static bool Contradicts(string status, OrderStep step) => status switch
    {
        OrderStatuses.Pending or OrderStatuses.LegacyCreated => false,
        OrderStatuses.Confirmed or OrderStatuses.OutForDelivery or OrderStatuses.Delivered =>
            step is OrderStep.StockRejected or OrderStep.PaymentFailed,
        OrderStatuses.Rejected => step != OrderStep.StockRejected,
        OrderStatuses.PaymentFailed => step is not (OrderStep.PaymentFailed or OrderStep.StockReserved),
        // A status only a newer build knows (CANCELLED, DELIVERY_FAILED during a rolling deployment): terminal here.
        _ => true,
    };

    private static void Record(Order order, OrderStep step, DateTimeOffset at)
    {
        switch (step)
        {
            case OrderStep.StockReserved:
                order.StockReservedAt = Earliest(order.StockReservedAt, at);
                break;
            case OrderStep.StockRejected:
                order.RejectedAt = Earliest(order.RejectedAt, at);
                break;
            case OrderStep.PaymentAuthorized:
                order.PaymentAuthorizedAt = Earliest(order.PaymentAuthorizedAt, at);
                break;
            case OrderStep.PaymentFailed:
                order.PaymentFailedAt = Earliest(order.PaymentFailedAt, at);
                break;
            case OrderStep.OutForDelivery:
                order.OutForDeliveryAt = Earliest(order.OutForDeliveryAt, at);
                break;
            case OrderStep.Delivered:
                order.DeliveredAt = Earliest(order.DeliveredAt, at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "Not a step of the order's status.");
        }
    }

    /// <summary>The furthest status on the confirmed path that the recorded steps prove.</summary>
    private static string Furthest(Order order) =>
        order.DeliveredAt is not null ? OrderStatuses.Delivered
        : order.OutForDeliveryAt is not null ? OrderStatuses.OutForDelivery
        : BothKnown(order) is not null ? OrderStatuses.Confirmed
        : OrderStatuses.Pending;

    /// <summary>When stock and payment were both settled: the later of the two, once both are known.</summary>
    private static DateTimeOffset? BothKnown(Order order) =>
        order is { StockReservedAt: { } reserved, PaymentAuthorizedAt: { } authorized }
            ? (reserved > authorized ? reserved : authorized)
            : null;

    /// <summary>Position on the confirmed path; the failures (and statuses this build does not know) are terminal, below it.</summary>
    private static int Rank(string status) => status switch
    {
        OrderStatuses.Pending or OrderStatuses.LegacyCreated => 0,
        OrderStatuses.Confirmed => 1,
        OrderStatuses.OutForDelivery => 2,
        OrderStatuses.Delivered => 3,
        _ => -1,
    };

    private static bool IsFailed(string status) => Rank(status) < 0;

    private static string Normalized(string status) =>
        status == OrderStatuses.LegacyCreated ? OrderStatuses.Pending : status;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}
