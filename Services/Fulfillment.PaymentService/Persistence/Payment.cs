namespace Fulfillment.PaymentService.Persistence;

/// <summary>A row of <c>payments</c>: the one authorization attempt made for an order, approved or declined.</summary>
public sealed class Payment
{
    public Guid PaymentId { get; set; }

    public required string OrderId { get; set; }

    public required string ReservationId { get; set; }

    public required string CustomerId { get; set; }

    public decimal Amount { get; set; }

    public required string Currency { get; set; }

    public PaymentStatus Status { get; set; }

    public string? AuthCode { get; set; }

    public string? DeclineReason { get; set; }

    /// <summary>The inventory.reserved event that asked for this payment.</summary>
    public Guid SourceEventId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
