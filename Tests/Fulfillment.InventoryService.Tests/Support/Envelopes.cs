using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.InventoryService.Tests.Support;

/// <summary>Envelopes as upstream services would produce them: a new eventId each time.</summary>
public static class Envelopes
{
    public static readonly GeoPoint Address = new(52.37, 4.89);

    public static EventEnvelope<OrderCreated> OrderCreated(string orderId, params OrderLine[] lines) =>
        TestEnvelopes.For(orderId, new OrderCreated("cust-7", lines, lines.Sum(l => l.Quantity * l.UnitPrice), "EUR", Address));

    public static EventEnvelope<PaymentFailed> PaymentFailed(string orderId, string reason = "declined: card expired") =>
        TestEnvelopes.For(orderId, new PaymentFailed(Guid.NewGuid().ToString(), 10m, "EUR", reason));

    public static EventEnvelope<OrderCancelled> OrderCancelled(string orderId) =>
        TestEnvelopes.For(orderId, new OrderCancelled("cust-7", "cancelled by the customer"));

    public static EventEnvelope<DeliveryCancelled> DeliveryCancelled(string orderId) =>
        TestEnvelopes.For(orderId, new DeliveryCancelled("cancelled by the customer"));

    public static EventEnvelope<DeliveryFailed> DeliveryFailed(string orderId) =>
        TestEnvelopes.For(orderId, new DeliveryFailed(DeliveryFailureCodes.OutsideServiceArea, "the address is outside the service area"));

    public static OrderLine Line(string sku, int quantity, decimal unitPrice = 2.50m) => new(sku, quantity, unitPrice);
}
