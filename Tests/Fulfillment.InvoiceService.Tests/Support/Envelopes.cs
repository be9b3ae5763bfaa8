using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.InvoiceService.Tests.Support;

/// <summary>Envelopes as order- and delivery-service would produce them: a new eventId each time unless given.</summary>
public static class Envelopes
{
    public const string Producer = "order-service";

    /// <summary>2 × 12.50 + 1 × 5.00: 30.00 net.</summary>
    public static readonly IReadOnlyList<OrderLine> TwoLines = [new("SKU-001", 2, 12.50m), new("SKU-002", 1, 5.00m)];

    /// <summary>An order.confirmed whose total is its lines' sum unless <paramref name="total"/> says otherwise.</summary>
    public static EventEnvelope<OrderConfirmed> OrderConfirmed(
        string orderId,
        IReadOnlyList<OrderLine>? items = null,
        string currency = "EUR",
        decimal? total = null,
        string customerId = "cust-1",
        Guid? eventId = null)
    {
        var lines = items ?? TwoLines;
        return TestEnvelopes.For(
            orderId,
            new OrderConfirmed(customerId, lines, total ?? lines.Sum(line => line.Quantity * line.UnitPrice), currency, "customer@example.com"),
            Producer,
            eventId: eventId);
    }

    public static EventEnvelope<DeliveryCancelled> DeliveryCancelled(string orderId) =>
        TestEnvelopes.For(orderId, new DeliveryCancelled("cancelled by the customer"), "delivery-service");

    public static EventEnvelope<DeliveryFailed> DeliveryFailed(string orderId) =>
        TestEnvelopes.For(orderId, new DeliveryFailed(DeliveryFailureCodes.NoDriverInTime, "no driver could be assigned in time"), "delivery-service");

    public static OrderLine Line(string sku, int quantity, decimal unitPrice) => new(sku, quantity, unitPrice);
}
