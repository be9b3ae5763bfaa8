using Fulfillment.Messages;

namespace Fulfillment.PaymentService.Tests.Support;

/// <summary>Envelopes as inventory-service would produce them: a new eventId each time.</summary>
public static class Envelopes
{
    public static readonly GeoPoint Address = new(48.85, 2.35);

    public static EventEnvelope<TPayload> For<TPayload>(string orderId, TPayload payload)
        where TPayload : class
    {
        var now = DateTimeOffset.UtcNow;
        return new EventEnvelope<TPayload>(
            Guid.NewGuid(), EventRegistry.For<TPayload>().EventType, 1, now, now, orderId, $"corr-{orderId}", null, "inventory-service", payload);
    }

    public static EventEnvelope<InventoryReserved> InventoryReserved(
        string orderId, decimal amount = 99.90m, string customerId = "cust-1", string currency = "EUR") =>
        For(orderId, new InventoryReserved($"res-{orderId}", "WH-01", [new StockLine("SKU-001", 2)], customerId, amount, currency, Address));
}
