namespace Fulfillment.PaymentService.Persistence;

/// <summary>
/// A row of <c>cancelled_orders</c>: an order cancelled before payment-service made its payment. Its
/// <c>inventory.reserved</c>, if it comes, is declined without a gateway call.
/// </summary>
public sealed class CancelledOrder
{
    public required string OrderId { get; set; }

    /// <summary>What the decline will say: <c>order cancelled</c> (or <c>delivery failed</c>).</summary>
    public required string Reason { get; set; }

    /// <summary>The order.cancelled, delivery.cancelled or delivery.failed event that was seen first.</summary>
    public Guid SourceEventId { get; set; }

    public DateTimeOffset CancelledAt { get; set; }
}
