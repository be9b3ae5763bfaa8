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
            await db.Database.ExecuteSqlAsync(
                $"UPDATE bench_accounts SET balance = balance + {order.Payload.Total}, events = events + 1 WHERE order_id = {order.OrderId}",
                context.CancellationToken);
        }

        await context.Publish(new InventoryReserved(
            "res", "WH-1", [new StockLine("SKU-1", 1)], order.Payload.CustomerId, order.Payload.Total,
            order.Payload.Currency, order.Payload.DeliveryAddress));
    }
}
