using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fulfillment.InventoryService.Reservations;

/// <summary>
/// Compensation: <c>payment.failed</c> → the order's reserved stock goes back and <c>inventory.released</c> is
/// emitted, once. A reservation already released, rejected or absent gives no second effect and no event.
/// </summary>
public sealed class ReleaseStock(
    InventoryDbContext db,
    StockLedger ledger,
    DecidedOrders decided,
    IOptions<InventoryOptions> options,
    TimeProvider clock,
    ILogger<ReleaseStock> logger) : IConsumer<EventEnvelope<PaymentFailed>>
{
    public async Task Consume(ConsumeContext<EventEnvelope<PaymentFailed>> context)
    {
        var envelope = context.Message;
        var cancellationToken = context.CancellationToken;
        var now = clock.GetUtcNow();
        var reason = $"payment failed: {envelope.Payload.Reason}";

        // Not tracked: a reservation added earlier in the same batch must be read as the database now has it.
        var reservation = await db.Reservations
            .AsNoTracking()
            .Include(r => r.Lines)
            .SingleOrDefaultAsync(r => r.OrderId == envelope.OrderId, cancellationToken);

        if (reservation is null)
        {
            // Only on a replay can the failure come first. Record it, so that the order, if it comes now, is not
            // reserved with nobody left to release it.
            db.Reservations.Add(new Reservation
            {
                ReservationId = Guid.CreateVersion7(now),
                OrderId = envelope.OrderId,
                Warehouse = options.Value.Warehouse,
                Status = ReservationStatus.Cancelled,
                Reason = reason,
                SourceEventId = envelope.EventId,
                CreatedAt = now,
                ReleasedAt = now,
            });
            decided.Add(envelope.OrderId);
            Log.ReleaseWithoutReservation(logger, envelope.OrderId);
        }
        else if (await ClaimReleaseAsync(reservation.ReservationId, reason, now, cancellationToken))
        {
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
            Log.StockReleased(logger, envelope.OrderId, reservation.ReservationId, lines.Count);
        }
        else
        {
            Log.ReleaseSkipped(logger, envelope.OrderId, ReservationStatusText.Format(reservation.Status));
        }

    }

    /// <summary>reserved → released as one conditional UPDATE: of two racing releases, only one gets the row.</summary>
    private async Task<bool> ClaimReleaseAsync(Guid reservationId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Reservations
            .Where(r => r.ReservationId == reservationId && r.Status == ReservationStatus.Reserved)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, ReservationStatus.Released)
                    .SetProperty(r => r.Reason, reason)
                    .SetProperty(r => r.ReleasedAt, now),
                cancellationToken) == 1;
}
