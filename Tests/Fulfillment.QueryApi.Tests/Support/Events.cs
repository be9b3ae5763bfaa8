using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>Envelopes of every event type for one order, with distinct, realistic values.</summary>
public sealed class Events(string orderId)
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    public static readonly GeoPoint Address = new(52.52, 13.405);

    public string OrderId { get; } = orderId;

    public static Events ForNewOrder() => new(Guid.NewGuid().ToString());

    public EventEnvelope<OrderCreated> Created(int minutes = 0) =>
        Envelope("order-service", minutes, new OrderCreated(
            "customer-7",
            [new OrderLine("SKU-APPLE", 2, 1.25m), new OrderLine("SKU-PEAR", 1, 3.10m)],
            5.60m,
            "EUR",
            Address));

    public EventEnvelope<InventoryReserved> Reserved(int minutes = 1) =>
        Envelope("inventory-service", minutes, new InventoryReserved(
            "res-1", "WH-BERLIN", [new StockLine("SKU-APPLE", 2), new StockLine("SKU-PEAR", 1)], "customer-7", 5.60m, "EUR", Address));

    public EventEnvelope<InventoryRejected> Rejected(int minutes = 1) =>
        Envelope("inventory-service", minutes, new InventoryRejected(
            "insufficient stock", [new StockShortage("SKU-PEAR", 1, 0)]));

    public EventEnvelope<InventoryReleased> Released(int minutes = 3, string reason = "payment failed") =>
        Envelope("inventory-service", minutes, new InventoryReleased(
            "res-1", [new StockLine("SKU-APPLE", 2), new StockLine("SKU-PEAR", 1)], reason));

    public EventEnvelope<OrderCancelled> CancelRequested(int minutes = 4) =>
        Envelope("order-service", minutes, new OrderCancelled("customer-7", "changed my mind"));

    public EventEnvelope<DeliveryCancelled> DeliveryCancelled(int minutes = 5) =>
        Envelope("delivery-service", minutes, new DeliveryCancelled("changed my mind"));

    public EventEnvelope<DeliveryFailed> DeliveryFailed(int minutes = 13) =>
        Envelope("delivery-service", minutes, new DeliveryFailed(DeliveryFailureCodes.OutsideServiceArea, "outside the service area"));

    public EventEnvelope<PaymentRefunded> Refunded(int minutes = 6, string reason = "order cancelled") =>
        Envelope("payment-service", minutes, new PaymentRefunded("ref-1", "pay-1", 5.60m, "EUR", reason));

    public EventEnvelope<InvoiceCredited> Credited(int minutes = 7) =>
        Envelope("invoice-service", minutes, new InvoiceCredited(
            "CN-2026-000003", "INV-2026-000042", 6.72m, "EUR", "order cancelled", T0.AddMinutes(minutes)));

    public EventEnvelope<PaymentAuthorized> Authorized(int minutes = 2) =>
        Envelope("payment-service", minutes, new PaymentAuthorized(
            "pay-1", 5.60m, "EUR", "AUTH-42", Address));

    public EventEnvelope<PaymentFailed> Failed(int minutes = 2) =>
        Envelope("payment-service", minutes, new PaymentFailed("pay-1", 5.60m, "EUR", "card declined"));

    public EventEnvelope<DeliveryAssigned> Assigned(int minutes = 3) =>
        Envelope("delivery-service", minutes, new DeliveryAssigned(
            "del-1", "driver-9", new GeoPoint(52.50, 13.40), Address, 4.2, T0.AddMinutes(30)));

    public EventEnvelope<EtaUpdated> Eta(int sequence, int arrivalMinutes, int minutes = 4) =>
        Envelope("delivery-service", minutes, new EtaUpdated(
            "del-1", "driver-9", sequence, new GeoPoint(52.50 + (sequence / 1000.0), 13.40), 4.2 - sequence, T0.AddMinutes(arrivalMinutes)));

    public EventEnvelope<DeliveryCompleted> Completed(int minutes = 20) =>
        Envelope("delivery-service", minutes, new DeliveryCompleted("del-1", "driver-9", T0.AddMinutes(minutes)));

    public EventEnvelope<OrderConfirmed> Confirmed(int minutes = 2) =>
        Envelope("order-service", minutes, new OrderConfirmed(
            "customer-7", [new OrderLine("SKU-APPLE", 2, 1.25m), new OrderLine("SKU-PEAR", 1, 3.10m)], 5.60m, "EUR", "ada@example.com"));

    public EventEnvelope<InvoiceIssued> Invoiced(int minutes = 3) =>
        Envelope("invoice-service", minutes, new InvoiceIssued(
            "INV-2026-000042",
            "customer-7",
            [new InvoiceLine("SKU-APPLE", 2, 1.25m, 2.50m), new InvoiceLine("SKU-PEAR", 1, 3.10m, 3.10m)],
            5.60m,
            0.2m,
            1.12m,
            6.72m,
            "EUR",
            T0.AddMinutes(minutes),
            T0.AddMinutes(minutes).AddDays(30)));

    public EventEnvelope<NotificationSent> Notified(string kind, int minutes = 4) =>
        Envelope("notification-service", minutes, new NotificationSent(
            kind, "ada@example.com", $"About your order ({kind})", $"<{OrderId}.{kind}@notification.fulfillment>", T0.AddMinutes(minutes)));

    private EventEnvelope<TPayload> Envelope<TPayload>(string producer, int minutes, TPayload payload)
        where TPayload : class =>
        TestEnvelopes.For(OrderId, payload, producer, T0.AddMinutes(minutes), "corr-" + OrderId);
}
