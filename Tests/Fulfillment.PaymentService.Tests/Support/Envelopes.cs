using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.PaymentService.Tests.Support;

/// <summary>Envelopes as inventory-, order- and delivery-service would produce them: a new eventId each time.</summary>
public static class Envelopes
{
    public const string Producer = "inventory-service";

    public static readonly GeoPoint Address = new(48.85, 2.35);

    public static EventEnvelope<InventoryReserved> InventoryReserved(
        string orderId, decimal amount = 99.90m, string customerId = "cust-1", string currency = "EUR") =>
        TestEnvelopes.For(
            orderId, new InventoryReserved($"res-{orderId}", "WH-01", [new StockLine("SKU-001", 2)], customerId, amount, currency, Address), Producer);

    public static EventEnvelope<OrderCancelled> OrderCancelled(string orderId) =>
        TestEnvelopes.For(orderId, new OrderCancelled("cust-1", "cancelled by the customer"), "order-service");

    public static EventEnvelope<DeliveryCancelled> DeliveryCancelled(string orderId) =>
        TestEnvelopes.For(orderId, new DeliveryCancelled("cancelled by the customer"), "delivery-service");

    public static EventEnvelope<DeliveryFailed> DeliveryFailed(string orderId) =>
        TestEnvelopes.For(orderId, new DeliveryFailed(DeliveryFailureCodes.NoDriverInTime, "no driver could be assigned in time"), "delivery-service");
}
