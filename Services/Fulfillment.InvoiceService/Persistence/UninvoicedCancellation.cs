namespace Fulfillment.InvoiceService.Persistence;

/// <summary>
/// A row of <c>uninvoiced_cancellations</c>: delivery-service's verdict (cancelled or failed) came before the order
/// was invoiced, so its order.confirmed, if it comes, issues no invoice and there is nothing to credit.
/// </summary>
public sealed class UninvoicedCancellation
{
    public required string OrderId { get; set; }

    public required string Reason { get; set; }

    public Guid SourceEventId { get; set; }

    public DateTimeOffset CancelledAt { get; set; }
}
