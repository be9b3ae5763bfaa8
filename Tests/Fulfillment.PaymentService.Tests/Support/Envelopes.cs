using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.PaymentService.Tests.Support;

/// <summary>Envelopes as inventory-service would produce them: a new eventId each time.</summary>
public static class Envelopes
{
    public const string Producer = "inventory-service";

    public static readonly GeoPoint Address = new(48.85, 2.35);

    public static EventEnvelope<InventoryReserved> InventoryReserved(
        string orderId, decimal amount = 99.90m, string customerId = "cust-1", string currency = "EUR") =>
        TestEnvelopes.For(
            orderId, new InventoryReserved($"res-{orderId}", "WH-01", [new StockLine("SKU-001", 2)], customerId, amount, currency, Address), Producer);
}
