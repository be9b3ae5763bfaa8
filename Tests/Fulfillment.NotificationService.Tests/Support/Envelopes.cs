using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.NotificationService.Tests.Support;

/// <summary>The events notification-service consumes, as their producers write them: a new eventId each time.</summary>
public static class Envelopes
{
    public static readonly DateTimeOffset Eta = new(2026, 12, 24, 17, 45, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset DeliveredAt = new(2026, 12, 24, 17, 52, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset DueAt = new(2027, 1, 23, 0, 0, 0, TimeSpan.Zero);

    public static string EmailOf(string orderId) => $"{orderId}@customers.test";

    public static EventEnvelope<OrderCreated> OrderCreated(string orderId, string? email) =>
        TestEnvelopes.For(
            orderId,
            new OrderCreated("cust-1", [new OrderLine("SKU-001", 2, 12.50m)], 25.00m, "EUR", new GeoPoint(48.85, 2.35), email),
            "order-service");

    public static EventEnvelope<OrderConfirmed> OrderConfirmed(string orderId, string? email) =>
        TestEnvelopes.For(orderId, new OrderConfirmed("cust-1", [new OrderLine("SKU-001", 2, 12.50m)], 25.00m, "EUR", email), "order-service");

    public static EventEnvelope<InvoiceIssued> InvoiceIssued(string orderId, string invoiceNumber = "INV-2026-000042") =>
        TestEnvelopes.For(
            orderId,
            new InvoiceIssued(
                invoiceNumber, "cust-1", [new InvoiceLine("SKU-001", 2, 12.50m, 25.00m)], 25.00m, 0.2m, 5.00m, 30.00m, "EUR",
                DueAt.AddDays(-30), DueAt),
            "invoice-service");

    public static EventEnvelope<DeliveryAssigned> DeliveryAssigned(string orderId) =>
        TestEnvelopes.For(
            orderId,
            new DeliveryAssigned($"del-{orderId}", "DRV-007", new GeoPoint(48.86, 2.34), new GeoPoint(48.85, 2.35), 1.4, Eta),
            "delivery-service");

    public static EventEnvelope<DeliveryCompleted> DeliveryCompleted(string orderId) =>
        TestEnvelopes.For(orderId, new DeliveryCompleted($"del-{orderId}", "DRV-007", DeliveredAt), "delivery-service");

    public static EventEnvelope<InventoryRejected> InventoryRejected(string orderId) =>
        TestEnvelopes.For(
            orderId, new InventoryRejected("insufficient stock", [new StockShortage("SKU-LOW", 5, 3)]), "inventory-service");

    public static EventEnvelope<PaymentFailed> PaymentFailed(string orderId) =>
        TestEnvelopes.For(orderId, new PaymentFailed($"pay-{orderId}", 25.00m, "EUR", "declined: amount above the limit"), "payment-service");

    public static EventEnvelope<DeliveryCancelled> DeliveryCancelled(string orderId) =>
        TestEnvelopes.For(orderId, new DeliveryCancelled("found it cheaper"), "delivery-service");

    public static EventEnvelope<DeliveryFailed> DeliveryFailed(string orderId) =>
        TestEnvelopes.For(orderId, new DeliveryFailed(DeliveryFailureCodes.OutsideServiceArea, "the address is outside the service area"), "delivery-service");

    public static EventEnvelope<PaymentFailed> DeclinedAfterCancel(string orderId) =>
        TestEnvelopes.For(orderId, new PaymentFailed("pay-1", 25m, "EUR", CompensationReasons.OrderCancelled), "payment-service");
}
