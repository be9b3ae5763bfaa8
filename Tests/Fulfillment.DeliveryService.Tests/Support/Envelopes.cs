using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.DeliveryService.Tests.Support;

public static class Envelopes
{
    public static EventEnvelope<PaymentAuthorized> PaymentAuthorized(
        string orderId, GeoPoint address, string? correlationId = null, Guid? eventId = null) =>
        TestEnvelopes.For(
            orderId,
            new PaymentAuthorized($"pay-{orderId}", 24.99m, "EUR", "AUTH-1", address),
            "payment-service",
            correlationId: correlationId,
            eventId: eventId);

    public static EventEnvelope<OrderCancelled> OrderCancelled(string orderId, string reason = "changed my mind", Guid? eventId = null) =>
        TestEnvelopes.For(orderId, new OrderCancelled("customer-1", reason), "order-service", eventId: eventId);
}
