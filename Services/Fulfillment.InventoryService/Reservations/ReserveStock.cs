using System.Globalization;
using Fulfillment.InventoryService.Persistence;
using Fulfillment.InventoryService.Stock;
using Fulfillment.Messages;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Fulfillment.InventoryService.Reservations;

/// <summary>
/// <c>order.created</c> → <c>inventory.reserved</c> (every line held) or <c>inventory.rejected</c> (nothing held).
/// One decision per order: a second <c>order.created</c> for the same order changes nothing and emits nothing, and an
/// order cancelled before its decision (<see cref="ReleaseStock"/>) is never reserved.
/// The unit of work (the consumer host's batch, or <see cref="Fulfillment.Messaging.Consuming.UnitOfWorkFilter{T}"/>)
/// owns the transaction and saves: the stock taken and the reservation are written with the batch's other orders.
/// </summary>
public sealed class ReserveStock(
    InventoryDbContext db,
    StockLedger ledger,
    DecidedOrders decided,
    IOptions<InventoryOptions> options,
    TimeProvider clock,
    ILogger<ReserveStock> logger) : IConsumer<EventEnvelope<OrderCreated>>
{
    public async Task Consume(ConsumeContext<EventEnvelope<OrderCreated>> context)
    {
        var envelope = context.Message;
        var order = envelope.Payload;
        var cancellationToken = context.CancellationToken;

        // The inbox stops redelivered events; this stops a re-sent order (same orderId, new eventId). The unique
        // order_id is the safety net should two of them ever race.
        if (await decided.IsDecidedAsync(envelope.OrderId, cancellationToken))
        {
            Log.OrderAlreadyDecided(logger, envelope.OrderId, envelope.EventId);
            return;
        }

        // Its cancellation is in this batch too (order.cancelled shares order.created's partition): nothing is taken,
        // and the cancellation's consumer records the order as cancelled when its turn comes.
        if (decided.IsCancelledInBatch(envelope.OrderId))
        {
            Log.CancelledInSameBatch(logger, envelope.OrderId);
            return;
        }

        var now = clock.GetUtcNow();
        var reservation = new Reservation
        {
            ReservationId = Guid.CreateVersion7(now),
            OrderId = envelope.OrderId,
            Warehouse = options.Value.Warehouse,
            SourceEventId = envelope.EventId,
            CreatedAt = now,
        };

        var wanted = SumBySku(order.Items);
        var invalid = InvalidReason(order.Items);
        var shortages = invalid is null ? await FindShortagesAsync(wanted, cancellationToken) : [];
        if (invalid is null && shortages.Count == 0)
        {
            // The rows are locked: every take succeeds, so the order gets all its lines or (on an exception) none.
            foreach (var line in wanted)
            {
                ledger.Take(line.Sku, line.Quantity);
            }

            reservation.Status = ReservationStatus.Reserved;
            reservation.Lines = [.. wanted.Select(l => new ReservationLine { ReservationId = reservation.ReservationId, Sku = l.Sku, Quantity = l.Quantity })];
            await context.Publish(
                new InventoryReserved(
                    reservation.ReservationId.ToString(),
                    reservation.Warehouse,
                    wanted,
                    order.CustomerId,
                    order.Total,
                    order.Currency,
                    order.DeliveryAddress),
                cancellationToken);
            Log.StockReserved(logger, envelope.OrderId, reservation.ReservationId, wanted.Count);
        }
        else
        {
            reservation.Status = ReservationStatus.Rejected;
            reservation.Reason = invalid ?? DescribeShortages(shortages);
            await context.Publish(new InventoryRejected(reservation.Reason, shortages), cancellationToken);
            Log.StockRejected(logger, envelope.OrderId, reservation.Reason);
        }

        db.Reservations.Add(reservation);
        decided.Add(envelope.OrderId);
    }

    /// <summary>Repeated SKUs become one line with the summed quantity, in SKU order (the lock order).</summary>
    internal static List<StockLine> SumBySku(IEnumerable<OrderLine> items) =>
        [.. items
            .GroupBy(item => item.Sku, StringComparer.Ordinal)
            .Select(group => new StockLine(group.Key, checked(group.Sum(item => item.Quantity))))
            .OrderBy(line => line.Sku, StringComparer.Ordinal)];

    private static string? InvalidReason(IReadOnlyList<OrderLine> items)
    {
        if (items.Count == 0)
        {
            return "invalid order: no lines";
        }

        var bad = items.FirstOrDefault(item => item.Quantity <= 0 || string.IsNullOrWhiteSpace(item.Sku));
        return bad is null
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"invalid order: line '{bad.Sku}' has quantity {bad.Quantity}");
    }

    private async Task<List<StockShortage>> FindShortagesAsync(List<StockLine> wanted, CancellationToken cancellationToken)
    {
        var available = await ledger.LockAsync(wanted.Select(l => l.Sku), cancellationToken);
        return
        [
            .. wanted
                .Select(line => (Line: line, Available: available.GetValueOrDefault(line.Sku)))
                .Where(x => x.Available < x.Line.Quantity)
                .Select(x => new StockShortage(x.Line.Sku, x.Line.Quantity, x.Available)),
        ];
    }

    private static string DescribeShortages(IEnumerable<StockShortage> shortages) =>
        "insufficient stock: " + string.Join(
            ", ",
            shortages.Select(s => string.Create(
                CultureInfo.InvariantCulture, $"{s.Sku} (requested {s.Requested}, available {s.Available})")));
}
