using Fulfillment.Messages;

namespace Fulfillment.DeliveryService.Tests.Support;

public static class Envelopes
{
    public static EventEnvelope<PaymentAuthorized> PaymentAuthorized(
        string orderId, GeoPoint address, string? correlationId = null, Guid? eventId = null) =>
        new(
            eventId ?? Guid.NewGuid(),
            EventTypes.PaymentAuthorized,
            1,
            DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow,
            orderId,
            correlationId ?? $"corr-{orderId}",
            Guid.NewGuid().ToString(),
            "payment-service",
            new PaymentAuthorized($"pay-{orderId}", 24.99m, "EUR", "AUTH-1", address));
}
