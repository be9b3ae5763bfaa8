using Fulfillment.Messages;
using Fulfillment.OrderService.Persistence;
using Fulfillment.OrderService.Status;
using Fulfillment.Testing;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>
/// The status consumer on MassTransit's in-memory test harness: one transaction per event, no inbox and no batch
/// preparer, so what holds here holds for the consumer alone. Orders are stored as POST stores them.
/// </summary>
public sealed class OrderHarness : HarnessedConsumers<OrderDbContext>
{
    private OrderHarness(ServiceProvider provider, string connectionString)
        : base(provider) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    public static async Task<OrderHarness> StartAsync()
    {
        var connectionString = await TestPostgres.CreateMigratedDatabaseAsync("orders_status", typeof(OrderDbContext).Assembly);
        var services = CreateServices(connectionString, x => x.AddConsumer<TrackOrderStatus>());
        services.AddOrderStatus();
        var provider = services.BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<ITestHarness>().Start();
        return new OrderHarness(provider, connectionString);
    }

    /// <summary>A new PENDING order of two lines (3 × 0.10, 2 × 12.345 EUR); its customer id is unique, which tells its confirmations apart.</summary>
    public async Task<Guid> PlaceAsync(string? email = "jane@example.com", string status = OrderStatuses.Pending)
    {
        var orderId = Guid.CreateVersion7();
        await QueryAsync(db =>
        {
            db.Orders.Add(new Order
            {
                OrderId = orderId,
                CustomerId = CustomerOf(orderId),
                CustomerEmail = email,
                Status = status,
                Currency = "EUR",
                Total = 24.99m,
                DeliveryLatitude = 48.8566,
                DeliveryLongitude = 2.3522,
                CorrelationId = $"corr-{orderId}",
                CreatedAt = Lifecycle.T0,
                Lines =
                [
                    new OrderItem { OrderId = orderId, LineNo = 1, Sku = "SKU-APPLE", Quantity = 3, UnitPrice = 0.10m },
                    new OrderItem { OrderId = orderId, LineNo = 2, Sku = "SKU-PEAR", Quantity = 2, UnitPrice = 12.345m },
                ],
            });
            return db.SaveChangesAsync();
        });
        return orderId;
    }

    public static string CustomerOf(Guid orderId) => $"customer-{orderId}";

    public Task<Order> OrderAsync(Guid orderId) =>
        QueryAsync(db => db.Orders.AsNoTracking().SingleAsync(o => o.OrderId == orderId));

    /// <summary>The order.confirmed published for the order so far.</summary>
    public List<OrderConfirmed> ConfirmationsOf(Guid orderId) =>
        [.. Published<OrderConfirmed>().Where(c => c.CustomerId == CustomerOf(orderId))];

    /// <summary>Consumes each event in turn, failing the test if the consumer threw.</summary>
    public async Task ConsumeAllAsync(params IEnumerable<IEventEnvelope> envelopes)
    {
        foreach (var envelope in envelopes)
        {
            await ConsumeAsync(envelope);
        }
    }

    /// <summary>Consumes one event of any lifecycle type, failing the test if the consumer threw.</summary>
    public Task ConsumeAsync(IEventEnvelope envelope) => envelope switch
    {
        EventEnvelope<InventoryReserved> e => ConsumeSuccessfullyAsync(e),
        EventEnvelope<InventoryRejected> e => ConsumeSuccessfullyAsync(e),
        EventEnvelope<PaymentAuthorized> e => ConsumeSuccessfullyAsync(e),
        EventEnvelope<PaymentFailed> e => ConsumeSuccessfullyAsync(e),
        EventEnvelope<DeliveryAssigned> e => ConsumeSuccessfullyAsync(e),
        EventEnvelope<DeliveryCompleted> e => ConsumeSuccessfullyAsync(e),
        EventEnvelope<DeliveryCancelled> e => ConsumeSuccessfullyAsync(e),
        EventEnvelope<DeliveryFailed> e => ConsumeSuccessfullyAsync(e),
        EventEnvelope<PaymentRefunded> e => ConsumeSuccessfullyAsync(e),
        EventEnvelope<InventoryReleased> e => ConsumeSuccessfullyAsync(e),
        _ => throw new ArgumentException($"Not a lifecycle event: {envelope.EventType}", nameof(envelope)),
    };
}
