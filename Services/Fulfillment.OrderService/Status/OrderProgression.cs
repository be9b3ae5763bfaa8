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
/// The status is the furthest point the recorded steps prove, and only ever moves forward, by rank:
/// <c>PENDING</c> (0) → <c>CONFIRMED</c> (1: stock reserved and payment authorized) → <c>OUT_FOR_DELIVERY</c> (2) →
/// <c>DELIVERED</c> (3); from <c>PENDING</c> also to the terminal <c>REJECTED</c> or <c>PAYMENT_FAILED</c> (4); above
/// them the verdicts of decision 0019: <c>DELIVERY_FAILED</c> (5, above the successes it cuts short) and
/// <c>CANCELLED</c> (6, above every other status: a cancel accepted while the order was pending can meet a rejection
/// or a decline that was under way, and the outcome must not depend on which arrives first). Events of one order
/// arrive on three topics in any order, so the rules hold whatever the order: every arrival order of a history the
/// contract allows ends in the same status with the same times, and leaves PENDING for the confirmed path at most
/// once.
/// </para>
/// <para>
/// A skipped step is implied, not awaited (decision 0016): delivery-service assigns a driver only on
/// payment.authorized, which payment-service sends only after inventory.reserved, so a delivery.assigned or
/// delivery.completed that overtakes them proves the order confirmed. The status goes straight to the step reported,
/// and order.confirmed is due at that moment. <c>confirmedAt</c> is then the time of the earliest proof: the later of
/// the reservation and the authorization once both are known, until then the delivery step's time. A late event
/// fills in its time and never moves the status back. A verdict implies no confirmation: an order already
/// <c>CANCELLED</c> or <c>DELIVERY_FAILED</c> when its reservation and authorization are complete is never
/// announced as confirmed (its <c>confirmedAt</c> is still filled in, the fact it is).
/// </para>
/// <para>
/// What was undone (payment.refunded, inventory.released) moves no status: it records its time, whenever it
/// arrives, even before the verdict it follows (another topic). A step that no allowed history puts after the
/// current status (anything but a cancel after a rejection, a decline after the order was confirmed, a delivery
/// after a declined payment or a verdict, a refund or release of a delivered order) changes nothing: a confirmation
/// already announced is not taken back, and a failed order is not revived. The consumer logs it.
/// </para>
/// </remarks>
public static class OrderProgression
{
    public static StepOutcome Apply(Order order, OrderStep step, DateTimeOffset occurredAt, StepDetail? detail = null)
    {
        var before = order.Status;
        if (Contradicts(before, step))
        {
            return new StepOutcome(before, before, Contradiction: true, BecameConfirmed: false);
        }

        // Microseconds: what timestamptz keeps, so the value compared in memory is the value stored.
        var at = occurredAt.ToUniversalTime().ToMicroseconds();
        Record(order, step, at, detail ?? StepDetail.None);

        var reached = step switch
        {
            OrderStep.StockRejected => OrderStatuses.Rejected,
            OrderStep.PaymentFailed => OrderStatuses.PaymentFailed,
            OrderStep.DeliveryFailed => OrderStatuses.DeliveryFailed,
            OrderStep.Cancelled => OrderStatuses.Cancelled,
            _ => Furthest(order),
        };
        order.Status = Rank(reached) > Rank(before) ? reached : Normalized(before);
        // Never set for a rejection or a decline: neither can meet both a reservation and an authorization.
        order.ConfirmedAt = Earliest(Earliest(BothKnown(order), order.OutForDeliveryAt), order.DeliveredAt);

        var becameConfirmed = Rank(before) == 0 && Rank(order.Status) is > 0 and <= DeliveredRank;
        return new StepOutcome(before, order.Status, Contradiction: false, becameConfirmed);
    }

    private const int DeliveredRank = 3;

    private static bool Contradicts(string status, OrderStep step) => status switch
    {
        OrderStatuses.Pending or OrderStatuses.LegacyCreated => false,
        OrderStatuses.Confirmed => step is OrderStep.StockRejected or OrderStep.PaymentFailed,
        OrderStatuses.OutForDelivery or OrderStatuses.Delivered =>
            step is OrderStep.StockRejected or OrderStep.PaymentFailed or OrderStep.Refunded or OrderStep.StockReleased,
        OrderStatuses.Rejected => step is not (OrderStep.StockRejected or OrderStep.Cancelled),
        // A decline's stock is given back; a cancel may settle an order whose decline was under way.
        OrderStatuses.PaymentFailed =>
            step is not (OrderStep.PaymentFailed or OrderStep.StockReserved or OrderStep.StockReleased or OrderStep.Cancelled),
        OrderStatuses.DeliveryFailed =>
            step is OrderStep.StockRejected or OrderStep.PaymentFailed or OrderStep.OutForDelivery or OrderStep.Delivered,
        // Any step before the cancel's verdict may arrive after it; a driver or another verdict may not.
        OrderStatuses.Cancelled => step is OrderStep.OutForDelivery or OrderStep.Delivered or OrderStep.DeliveryFailed,
        // A status only a newer build knows (during a rolling deployment): terminal here.
        _ => true,
    };

    private static void Record(Order order, OrderStep step, DateTimeOffset at, StepDetail detail)
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
            case OrderStep.Cancelled:
                order.CancelledAt = Earliest(order.CancelledAt, at);
                break;
            case OrderStep.DeliveryFailed:
                // One verdict per order: a re-sent delivery.failed says the same; the first one's words stay.
                order.DeliveryFailureCode ??= detail.FailureCode;
                order.DeliveryFailureReason ??= detail.FailureReason;
                order.DeliveryFailedAt = Earliest(order.DeliveryFailedAt, at);
                break;
            case OrderStep.Refunded:
                order.RefundId ??= detail.RefundId;
                order.RefundedAt = Earliest(order.RefundedAt, at);
                break;
            case OrderStep.StockReleased:
                order.StockReleasedAt = Earliest(order.StockReleasedAt, at);
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

    /// <summary>The status's rank (see the remarks); statuses this build does not know never reach a comparison.</summary>
    private static int Rank(string status) => status switch
    {
        OrderStatuses.Pending or OrderStatuses.LegacyCreated => 0,
        OrderStatuses.Confirmed => 1,
        OrderStatuses.OutForDelivery => 2,
        OrderStatuses.Delivered => DeliveredRank,
        OrderStatuses.Rejected or OrderStatuses.PaymentFailed => 4,
        OrderStatuses.DeliveryFailed => 5,
        OrderStatuses.Cancelled => 6,
        _ => int.MaxValue,
    };

    private static string Normalized(string status) =>
        status == OrderStatuses.LegacyCreated ? OrderStatuses.Pending : status;

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a < b ? a : b);
}
