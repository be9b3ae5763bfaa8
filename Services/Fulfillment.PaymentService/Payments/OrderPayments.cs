using Fulfillment.Messages;
using Fulfillment.Messaging.Persistence;
using Fulfillment.PaymentService.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.PaymentService.Payments;

/// <summary>
/// What payment-service knows of one order in a unit of work: its payment, or that it was cancelled before it had one.
/// Every look-up first takes the order's lock (<see cref="OrderLocks"/>): a reservation and a cancellation of the same
/// order arrive on different topics and may be handled at the same moment by two instances, and each must see what
/// the other wrote, or an order could be authorized after its cancellation was remembered.
/// </summary>
public sealed class OrderPayments(PaymentDbContext db, OrderLocks locks, TimeProvider clock)
{
    /// <summary>Locks the order; its payment (tracked, also one added earlier in this unit of work), or null.</summary>
    public async Task<Payment?> PaymentOfAsync(string orderId, CancellationToken cancellationToken)
    {
        await locks.LockAsync(orderId, cancellationToken);
        return db.Payments.Local.FirstOrDefault(p => p.OrderId == orderId)
            ?? await db.Payments.SingleOrDefaultAsync(p => p.OrderId == orderId, cancellationToken);
    }

    /// <summary>The cancellation remembered for an order without a payment, or null (call <see cref="PaymentOfAsync"/> first, for the lock).</summary>
    public async Task<CancelledOrder?> CancellationOfAsync(string orderId, CancellationToken cancellationToken) =>
        await db.CancelledOrders.FindAsync([orderId], cancellationToken);

    /// <summary>Remembers that <paramref name="cause"/>'s order was cancelled before its payment; the first cancellation seen stays.</summary>
    public async Task RememberCancellationAsync(IEventEnvelope cause, string reason, CancellationToken cancellationToken)
    {
        if (await CancellationOfAsync(cause.OrderId, cancellationToken) is null)
        {
            db.CancelledOrders.Add(new CancelledOrder
            {
                OrderId = cause.OrderId,
                Reason = reason,
                SourceEventId = cause.EventId,
                CancelledAt = clock.GetUtcNow(),
            });
        }
    }
}
