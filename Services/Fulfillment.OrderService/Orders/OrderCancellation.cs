using Fulfillment.Messages;
using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Fulfillment.OrderService.Persistence;
using Fulfillment.OrderService.Status;

namespace Fulfillment.OrderService.Orders;

/// <summary>
/// The customer's cancel (decision 0019): order-service only accepts it; delivery-service decides whether it came in
/// time. Accepting records the request and adds order.cancelled to the outbox with one SaveChanges, on the order's
/// row locked for the transaction, so a repeat, a concurrent request or a second instance finds the request recorded
/// and writes nothing: one order.cancelled per order.
/// </summary>
/// <remarks>
/// The row lock is the status consumer's (<see cref="LockedOrders"/>): a cancel and a lifecycle event of the same
/// order take turns, so the cancel is never decided on a status the consumer is changing. One row per transaction,
/// so it cannot wait in the opposite order to a batch.
/// </remarks>
public sealed class OrderCancellation(
    OrderDbContext db, LockedOrders orders, IEventOutbox outbox, TimeProvider clock, ILogger<OrderCancellation> logger)
{
    /// <param name="orderId">The order.</param>
    /// <param name="reason">Why, as order.cancelled will say.</param>
    /// <param name="customerId">The authenticated customer, who may cancel only their own orders; null with authentication off.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public async Task<CancellationResult> CancelAsync(Guid orderId, string reason, string? customerId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginUnitOfWorkAsync(cancellationToken);
        var order = await orders.GetAsync(orderId, cancellationToken);
        if (order is null)
        {
            return new CancellationResult(CancellationOutcome.NotFound, null);
        }

        if (customerId is not null && !string.Equals(order.CustomerId, customerId, StringComparison.Ordinal))
        {
            return new CancellationResult(CancellationOutcome.Forbidden, order);
        }

        await db.Entry(order).Collection(o => o.Lines).LoadAsync(cancellationToken);
        var outcome = Decide(order);
        if (outcome == CancellationOutcome.TooLate)
        {
            Log.CancelRefused(logger, order.OrderId, order.Status);
            return new CancellationResult(outcome, order);
        }

        if (outcome == CancellationOutcome.Repeated)
        {
            Log.CancelRepeated(logger, order.OrderId, order.Status);
            return new CancellationResult(outcome, order);
        }

        order.CancelRequestedAt = clock.GetUtcNowMicroseconds();
        order.CancelReason = reason;
        outbox.Add(order.OrderId.ToString(), new OrderCancelled(order.CustomerId, reason), order.CorrelationId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.CancelAccepted(logger, order.OrderId, order.Status, reason);
        return new CancellationResult(outcome, order);
    }

    /// <summary>
    /// A cancel already recorded, or a CANCELLED order, answers as the first accepted request did (202 with the order),
    /// whatever became of it since: the answer to a repeat does not depend on when it comes, and the body tells the
    /// outcome. Refused once a driver is assigned or the order is final: nothing is left to stop, or only
    /// delivery-service could stop it and it has already moved on.
    /// </summary>
    private static CancellationOutcome Decide(Order order) => order.Status switch
    {
        OrderStatuses.Cancelled => CancellationOutcome.Repeated,
        _ when order.CancelRequestedAt is not null => CancellationOutcome.Repeated,
        OrderStatuses.OutForDelivery or OrderStatuses.Delivered or OrderStatuses.Rejected or OrderStatuses.PaymentFailed
            or OrderStatuses.DeliveryFailed => CancellationOutcome.TooLate,
        OrderStatuses.Pending or OrderStatuses.LegacyCreated or OrderStatuses.Confirmed => CancellationOutcome.Accepted,
        // A status only a newer build knows (during a rolling deployment): leave it to that build.
        _ => CancellationOutcome.TooLate,
    };
}
