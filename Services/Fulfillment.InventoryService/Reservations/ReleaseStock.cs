using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fulfillment.InventoryService.Reservations;

/// <summary>
/// Compensation (decision 0019): <c>payment.failed</c>, <c>delivery.cancelled</c> and <c>delivery.failed</c> give a held
/// reservation's stock back and emit <c>inventory.released</c>, once. <c>order.cancelled</c> is only a request that may
/// lose the race with a driver: a held reservation waits for delivery-service's verdict. Any of the four seen before
/// the order's allocation decision records the order as cancelled, so that its order.created, if it comes, takes
/// nothing that nobody would give back. A reservation already released, rejected or cancelled gives no second effect.
/// </summary>
public sealed class ReleaseStock(
    InventoryDbContext db,
    StockLedger ledger,
    DecidedOrders decided,
    IOptions<InventoryOptions> options,
    TimeProvider clock,
    ILogger<ReleaseStock> logger)
    : IConsumer<EventEnvelope<PaymentFailed>>,
        IConsumer<EventEnvelope<DeliveryCancelled>>,
        IConsumer<EventEnvelope<DeliveryFailed>>,
        IConsumer<EventEnvelope<OrderCancelled>>
{
    public Task Consume(ConsumeContext<EventEnvelope<PaymentFailed>> context) =>
        ReleaseAsync(context, context.Message, ReleaseReasons.ForPaymentFailure(context.Message.Payload.Reason));

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryCancelled>> context) =>
        ReleaseAsync(context, context.Message, ReleaseReasons.OrderCancelled);

    public Task Consume(ConsumeContext<EventEnvelope<DeliveryFailed>> context) =>
        ReleaseAsync(context, context.Message, ReleaseReasons.DeliveryFailed);

    public async Task Consume(ConsumeContext<EventEnvelope<OrderCancelled>> context)
    {
        var envelope = context.Message;
        var reservation = await FindAsync(envelope.OrderId, context.CancellationToken);
        if (reservation is null)
        {
            RecordCancelled(envelope, ReleaseReasons.OrderCancelled);
        }
        else
        {
            Log.CancellationAwaitsVerdict(logger, envelope.OrderId, ReservationStatusText.Format(reservation.Status));
        }
    }

    private async Task ReleaseAsync(ConsumeContext context, IEventEnvelope cause, string reason)
    {
        var cancellationToken = context.CancellationToken;
        var reservation = await FindAsync(cause.OrderId, cancellationToken);
        if (reservation is null)
        {
            RecordCancelled(cause, reason);
        }
        else if (reservation.Status == ReservationStatus.Reserved && await ClaimReleaseAsync(reservation, reason, cancellationToken))
        {
            // The batch preparer locked these rows with the batch's others, in SKU order; alone, they are locked here.
            var lines = reservation.Lines
                .OrderBy(l => l.Sku, StringComparer.Ordinal)
                .Select(l => new StockLine(l.Sku, l.Quantity))
                .ToList();
            await ledger.LockAsync(lines.Select(l => l.Sku), cancellationToken);
            foreach (var line in lines)
            {
                ledger.GiveBack(line.Sku, line.Quantity);
            }

            await context.Publish(new InventoryReleased(reservation.ReservationId.ToString(), lines, reason), cancellationToken);
            Log.StockReleased(logger, cause.OrderId, reservation.ReservationId, lines.Count, reason);
        }
        else
        {
            Log.ReleaseSkipped(logger, cause.OrderId, ReservationStatusText.Format(reservation.Status));
        }
    }

    /// <summary>
    /// The order's decision: one this unit of work recorded (not saved yet), else the database's, untracked, so that
    /// the release below is the conditional update and not a write of a stale read.
    /// </summary>
    private async Task<Reservation?> FindAsync(string orderId, CancellationToken cancellationToken) =>
        db.Reservations.Local.FirstOrDefault(r => r.OrderId == orderId)
        ?? await db.Reservations
            .AsNoTracking()
            .Include(r => r.Lines)
            .SingleOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);

    /// <summary>Cancelled before any decision: recorded so that the order, if it comes, is never reserved.</summary>
    private void RecordCancelled(IEventEnvelope cause, string reason)
    {
        var now = clock.GetUtcNow();
        db.Reservations.Add(new Reservation
        {
            ReservationId = Guid.CreateVersion7(now),
            OrderId = cause.OrderId,
            Warehouse = options.Value.Warehouse,
            Status = ReservationStatus.Cancelled,
            Reason = reason,
            SourceEventId = cause.EventId,
            CreatedAt = now,
            ReleasedAt = now,
        });
        decided.Add(cause.OrderId);
        Log.CancelledBeforeDecision(logger, cause.OrderId, cause.EventType);
    }

    /// <summary>
    /// reserved → released as one conditional UPDATE: of two racing releases, only one gets the row. A reservation this
    /// unit of work added itself (not saved yet, so no row to update) is changed in memory: nothing else can see it.
    /// </summary>
    private async Task<bool> ClaimReleaseAsync(Reservation reservation, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (db.Entry(reservation).State == EntityState.Added)
        {
            (reservation.Status, reservation.Reason, reservation.ReleasedAt) = (ReservationStatus.Released, reason, now);
            return true;
        }

        return await db.Reservations
            .Where(r => r.ReservationId == reservation.ReservationId && r.Status == ReservationStatus.Reserved)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, ReservationStatus.Released)
                    .SetProperty(r => r.Reason, reason)
                    .SetProperty(r => r.ReleasedAt, now),
                cancellationToken) == 1;
    }
}
