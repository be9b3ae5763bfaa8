using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.OrderService.Tests.Support;

/// <summary>
/// The lifecycle events of one order as inventory, payment and delivery write them, each with a new eventId and the
/// given occurredAt (minutes after <see cref="T0"/> in the tests, so times are easy to tell apart).
/// </summary>
public static class Lifecycle
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly GeoPoint Address = new(48.8566, 2.3522);

    public static DateTimeOffset At(int minute) => T0.AddMinutes(minute);

    public static EventEnvelope<InventoryReserved> Reserved(Guid orderId, int minute = 1) =>
        TestEnvelopes.For(
            orderId.ToString(),
            new InventoryReserved($"res-{orderId}", "WH-01", [new StockLine("SKU-APPLE", 3)], "c", 24.99m, "EUR", Address),
            "inventory-service",
            At(minute));

    public static EventEnvelope<InventoryRejected> Rejected(Guid orderId, int minute = 1) =>
        TestEnvelopes.For(
            orderId.ToString(), new InventoryRejected("insufficient stock", [new StockShortage("SKU-APPLE", 3, 1)]), "inventory-service", At(minute));

    public static EventEnvelope<PaymentAuthorized> Authorized(Guid orderId, int minute = 2) =>
        TestEnvelopes.For(
            orderId.ToString(), new PaymentAuthorized($"pay-{orderId}", 24.99m, "EUR", "AUTH-ABC123", Address), "payment-service", At(minute));

    public static EventEnvelope<PaymentFailed> Declined(Guid orderId, int minute = 2) =>
        TestEnvelopes.For(
            orderId.ToString(), new PaymentFailed($"pay-{orderId}", 24.99m, "EUR", "card declined"), "payment-service", At(minute));

    public static EventEnvelope<DeliveryAssigned> Assigned(Guid orderId, int minute = 3) =>
        TestEnvelopes.For(
            orderId.ToString(),
            new DeliveryAssigned($"del-{orderId}", "driver-7", new GeoPoint(48.85, 2.34), Address, 1.2, At(minute + 20)),
            "delivery-service",
            At(minute));

    public static EventEnvelope<DeliveryCompleted> Completed(Guid orderId, int minute = 4) =>
        TestEnvelopes.For(orderId.ToString(), new DeliveryCompleted($"del-{orderId}", "driver-7", At(minute)), "delivery-service", At(minute));

    public static EventEnvelope<DeliveryCancelled> DeliveryCancelled(Guid orderId, int minute = 3) =>
        TestEnvelopes.For(orderId.ToString(), new DeliveryCancelled("cancelled by the customer"), "delivery-service", At(minute));

    public static EventEnvelope<DeliveryFailed> DeliveryFailed(Guid orderId, int minute = 3) =>
        TestEnvelopes.For(
            orderId.ToString(),
            new DeliveryFailed(DeliveryFailureCodes.NoDriverInTime, "no driver could be assigned in time"),
            "delivery-service",
            At(minute));

    public static EventEnvelope<PaymentRefunded> Refunded(Guid orderId, int minute = 4) =>
        TestEnvelopes.For(
            orderId.ToString(), new PaymentRefunded($"ref-{orderId}", $"pay-{orderId}", 24.99m, "EUR", "order cancelled"), "payment-service", At(minute));

    public static EventEnvelope<InventoryReleased> Released(Guid orderId, int minute = 5) =>
        TestEnvelopes.For(
            orderId.ToString(), new InventoryReleased($"res-{orderId}", [new StockLine("SKU-APPLE", 3)], "order cancelled"), "inventory-service", At(minute));

    /// <summary>Reserved (minute 1), authorized (2), assigned (3), completed (4): a delivered order's history.</summary>
    public static IReadOnlyList<IEventEnvelope> HappyPath(Guid orderId) =>
        [Reserved(orderId), Authorized(orderId), Assigned(orderId), Completed(orderId)];

    /// <summary>Reserved (1), authorized (2), delivery.cancelled (3), refunded (4), released (5): cancelled once confirmed.</summary>
    public static IReadOnlyList<IEventEnvelope> CancelledAfterPayment(Guid orderId) =>
        [Reserved(orderId), Authorized(orderId), DeliveryCancelled(orderId), Refunded(orderId), Released(orderId)];

    /// <summary>
    /// Reserved (1), delivery.cancelled (2), declined (3, payment-service saw the cancel first), released (4): a
    /// cancelled order that was never paid.
    /// </summary>
    public static IReadOnlyList<IEventEnvelope> CancelledBeforePayment(Guid orderId) =>
        [Reserved(orderId), DeliveryCancelled(orderId, minute: 2), Declined(orderId, minute: 3) with { Payload = new PaymentFailed($"pay-{orderId}", 24.99m, "EUR", "order cancelled") }, Released(orderId, minute: 4)];

    /// <summary>Reserved (1), authorized (2), delivery.failed (3), refunded (4), released (5): no driver in time.</summary>
    public static IReadOnlyList<IEventEnvelope> FailedDelivery(Guid orderId) =>
        [Reserved(orderId), Authorized(orderId), DeliveryFailed(orderId), Refunded(orderId), Released(orderId)];

    /// <summary>The same event again under a new eventId, later: as a re-sending producer would write it.</summary>
    public static IEventEnvelope Resent(IEventEnvelope envelope, int minutesLater = 30) => envelope switch
    {
        EventEnvelope<InventoryReserved> e => e with { EventId = Guid.CreateVersion7(), OccurredAt = e.OccurredAt.AddMinutes(minutesLater) },
        EventEnvelope<InventoryRejected> e => e with { EventId = Guid.CreateVersion7(), OccurredAt = e.OccurredAt.AddMinutes(minutesLater) },
        EventEnvelope<PaymentAuthorized> e => e with { EventId = Guid.CreateVersion7(), OccurredAt = e.OccurredAt.AddMinutes(minutesLater) },
        EventEnvelope<PaymentFailed> e => e with { EventId = Guid.CreateVersion7(), OccurredAt = e.OccurredAt.AddMinutes(minutesLater) },
        EventEnvelope<DeliveryAssigned> e => e with { EventId = Guid.CreateVersion7(), OccurredAt = e.OccurredAt.AddMinutes(minutesLater) },
        EventEnvelope<DeliveryCompleted> e => e with { EventId = Guid.CreateVersion7(), OccurredAt = e.OccurredAt.AddMinutes(minutesLater) },
        EventEnvelope<DeliveryCancelled> e => e with { EventId = Guid.CreateVersion7(), OccurredAt = e.OccurredAt.AddMinutes(minutesLater) },
        EventEnvelope<DeliveryFailed> e => e with { EventId = Guid.CreateVersion7(), OccurredAt = e.OccurredAt.AddMinutes(minutesLater) },
        EventEnvelope<PaymentRefunded> e => e with { EventId = Guid.CreateVersion7(), OccurredAt = e.OccurredAt.AddMinutes(minutesLater) },
        EventEnvelope<InventoryReleased> e => e with { EventId = Guid.CreateVersion7(), OccurredAt = e.OccurredAt.AddMinutes(minutesLater) },
        _ => throw new ArgumentException($"Not a lifecycle event: {envelope.EventType}", nameof(envelope)),
    };
}
