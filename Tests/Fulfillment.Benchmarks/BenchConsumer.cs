using Fulfillment.Messages;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Benchmarks;

/// <summary>Per event: the inbox row (chassis), one state change, and one outbox row via Publish.</summary>
public sealed class BenchConsumer(BenchDbContext db, BenchSettings settings) : IConsumer<EventEnvelope<OrderCreated>>
{
    public async Task Consume(ConsumeContext<EventEnvelope<OrderCreated>> context)
    {
        var order = context.Message;
        if (settings.Mode == BenchMode.InsertRow)
        {
            db.Add(new BenchEvent { EventId = order.EventId, OrderId = order.OrderId, Amount = order.Payload.Total });
        }
        else
        {
            await UpdateAccountAsync(db, order, context.CancellationToken);
        }

        await context.Publish(Reservation(order));
    }

    /// <summary>The update variant's state change; the Wolverine peer's handler makes the same one.</summary>
    public static Task UpdateAccountAsync(DbContext db, EventEnvelope<OrderCreated> order, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE bench_accounts SET balance = balance + {order.Payload.Total}, events = events + 1 WHERE order_id = {order.OrderId}",
            cancellationToken);

    /// <summary>The event each handled event emits (the peer emits the same).</summary>
    public static InventoryReserved Reservation(EventEnvelope<OrderCreated> order) => new(
        "res", "WH-1", [new StockLine("SKU-1", 1)], order.Payload.CustomerId, order.Payload.Total,
        order.Payload.Currency, order.Payload.DeliveryAddress);
}
