using Fulfillment.Messages;
using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Fulfillment.OrderService.Idempotency;
using Fulfillment.OrderService.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Fulfillment.OrderService.Orders;

/// <summary>
/// Stores an order, its lines, its idempotency key and its order.created event with one SaveChanges, so one
/// transaction: either the order exists and its event will be published, or neither.
/// </summary>
public sealed class OrderPlacement(OrderDbContext db, IEventOutbox outbox, TimeProvider clock, ILogger<OrderPlacement> logger)
{
    public async Task<PlacementResult> PlaceAsync(
        PlaceOrderCommand command, string? idempotencyKey, string? correlationId, CancellationToken cancellationToken)
    {
        var requestHash = idempotencyKey is null ? null : RequestHash.Compute(command);
        if (idempotencyKey is not null && await FindByKeyAsync(idempotencyKey, requestHash!, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        // Microseconds: what timestamptz keeps, so the 202 and every later read show the same createdAt.
        var now = clock.GetUtcNowMicroseconds();
        var orderId = Guid.CreateVersion7(now);
        var order = new Order
        {
            OrderId = orderId,
            CustomerId = command.CustomerId,
            CustomerEmail = command.CustomerEmail,
            Status = OrderStatuses.Pending,
            Currency = command.Currency,
            Total = command.Total,
            DeliveryLatitude = command.DeliveryAddress.Latitude,
            DeliveryLongitude = command.DeliveryAddress.Longitude,
            CorrelationId = correlationId ?? orderId.ToString(),
            CreatedAt = now,
            Lines = [.. command.Items.Select((item, index) => new OrderItem
            {
                OrderId = orderId,
                LineNo = index + 1,
                Sku = item.Sku,
                Quantity = item.Quantity,
                UnitPrice = item.UnitPrice,
            })],
        };

        db.Orders.Add(order);
        if (idempotencyKey is not null)
        {
            db.IdempotencyKeys.Add(new IdempotencyRecord
            {
                Key = idempotencyKey,
                RequestHash = requestHash!,
                OrderId = orderId,
                CreatedAt = now,
            });
        }

        outbox.Add(
            orderId.ToString(),
            new OrderCreated(command.CustomerId, command.Items, order.Total, command.Currency, command.DeliveryAddress, command.CustomerEmail),
            order.CorrelationId);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (idempotencyKey is not null && IsKeyCollision(ex))
        {
            // A concurrent request with the same key committed first (the insert waited for it on the primary key).
            // Its order is the answer; this attempt wrote nothing.
            db.ChangeTracker.Clear();
            Log.IdempotencyRaceLost(logger, idempotencyKey);
            return await FindByKeyAsync(idempotencyKey, requestHash!, cancellationToken)
                ?? throw new InvalidOperationException($"Idempotency key '{idempotencyKey}' collided but its order is not there.", ex);
        }

        Log.OrderAccepted(logger, order.OrderId, order.CustomerId, order.Lines.Count, order.Total, order.Currency, order.CorrelationId);
        return new PlacementResult(PlacementOutcome.Created, order);
    }

    public Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.OrderId == orderId, cancellationToken);

    private async Task<PlacementResult?> FindByKeyAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Key == key, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var order = await FindAsync(record.OrderId, cancellationToken)
            ?? throw new InvalidOperationException($"Idempotency key '{key}' points to missing order {record.OrderId}.");
        if (!string.Equals(record.RequestHash, requestHash, StringComparison.Ordinal))
        {
            Log.IdempotencyKeyReused(logger, key, order.OrderId);
            return new PlacementResult(PlacementOutcome.KeyReused, order);
        }

        Log.IdempotentReplay(logger, key, order.OrderId);
        return new PlacementResult(PlacementOutcome.Replayed, order);
    }

    private static bool IsKeyCollision(DbUpdateException exception) =>
        exception.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation,
            ConstraintName: OrderDbContext.IdempotencyKeyConstraint,
        };
}
