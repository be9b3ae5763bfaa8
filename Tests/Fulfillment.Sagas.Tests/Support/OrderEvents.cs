using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.Sagas.Tests.Support;

/// <summary>Contract envelopes for one order, as the services would produce them.</summary>
public sealed class OrderEvents(string orderId)
{
    private static readonly GeoPoint Address = new(52.37, 4.89);
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public string OrderId { get; } = orderId;

    public static OrderEvents ForNewOrder() => new(Guid.NewGuid().ToString());

    public EventEnvelope<OrderCreated> Created() =>
        Envelope(0, "order-service",
            new OrderCreated("customer-1", [new OrderLine("SKU-1", 2, 9.95m)], 19.90m, "EUR", Address));

    public EventEnvelope<InventoryReserved> Reserved() =>
        Envelope(1, "inventory-service",
            new InventoryReserved("res-1", "WH-1", [new StockLine("SKU-1", 2)], "customer-1", 19.90m, "EUR", Address));

    public EventEnvelope<InventoryRejected> Rejected(string reason = "out of stock") =>
        Envelope(1, "inventory-service",
            new InventoryRejected(reason, [new StockShortage("SKU-1", 2, 0)]));

    public EventEnvelope<InventoryReleased> Released(string reason = "payment failed") =>
        Envelope(3, "inventory-service",
            new InventoryReleased("res-1", [new StockLine("SKU-1", 2)], reason));

    public EventEnvelope<PaymentAuthorized> Authorized() =>
        Envelope(2, "payment-service",
            new PaymentAuthorized("pay-1", 19.90m, "EUR", "AUTH-1", Address));

    public EventEnvelope<PaymentFailed> PaymentFailed(string reason = "card declined") =>
        Envelope(2, "payment-service", new PaymentFailed("pay-1", 19.90m, "EUR", reason));

    public EventEnvelope<DeliveryAssigned> Assigned() =>
        Envelope(3, "delivery-service",
            new DeliveryAssigned("del-1", "driver-1", new GeoPoint(52.30, 4.80), Address, 8.5, Start.AddMinutes(40)));

    public EventEnvelope<EtaUpdated> Eta(int sequence) =>
        Envelope(3 + sequence, "delivery-service",
            new EtaUpdated("del-1", "driver-1", sequence, new GeoPoint(52.33, 4.85), 8.5 - sequence, Start.AddMinutes(40 + sequence)));

    public EventEnvelope<DeliveryCompleted> Completed() =>
        Envelope(60, "delivery-service",
            new DeliveryCompleted("del-1", "driver-1", Start.AddMinutes(60)));

    public EventEnvelope<OrderConfirmed> Confirmed() =>
        Envelope(2, "order-service",
            new OrderConfirmed("customer-1", [new OrderLine("SKU-1", 2, 9.95m)], 19.90m, "EUR"));

    public EventEnvelope<InvoiceIssued> Invoiced(string number = "INV-2026-000007") =>
        Envelope(3, "invoice-service", new InvoiceIssued(
            number, "customer-1", [new InvoiceLine("SKU-1", 2, 9.95m, 19.90m)], 19.90m, 0m, 0m, 19.90m, "EUR",
            Start.AddMinutes(3), Start.AddMinutes(3).AddDays(30)));

    public EventEnvelope<OrderCancelled> CancelRequested(string reason = "changed my mind") =>
        Envelope(4, "order-service", new OrderCancelled("customer-1", reason));

    public EventEnvelope<DeliveryCancelled> DeliveryCancelled(string reason = "changed my mind") =>
        Envelope(5, "delivery-service", new DeliveryCancelled(reason));

    public EventEnvelope<DeliveryFailed> DeliveryFailed(string reason = "no driver within 00:10:00") =>
        Envelope(13, "delivery-service", new DeliveryFailed(DeliveryFailureCodes.NoDriverInTime, reason));

    public EventEnvelope<PaymentRefunded> Refunded(string reason = "order cancelled") =>
        Envelope(6, "payment-service", new PaymentRefunded("ref-1", "pay-1", 19.90m, "EUR", reason));

    public EventEnvelope<InvoiceCredited> Credited(string reason = "order cancelled") =>
        Envelope(7, "invoice-service", new InvoiceCredited("CN-2026-000001", "INV-2026-000007", 19.90m, "EUR", reason, Start.AddMinutes(7)));

    /// <summary>The ETA the delivery.assigned event announces.</summary>
    public static DateTimeOffset AssignedEta => Start.AddMinutes(40);

    public static DateTimeOffset EtaOf(int sequence) => Start.AddMinutes(40 + sequence);

    /// <summary>When the event of a given step happened: each step a minute after the previous one.</summary>
    public static DateTimeOffset OccurredAt(int step) => Start.AddMinutes(step);

    private EventEnvelope<T> Envelope<T>(int step, string producer, T payload)
        where T : class =>
        TestEnvelopes.For(OrderId, payload, producer, OccurredAt(step), correlationId: OrderId);
}
