namespace Fulfillment.PaymentService.Persistence;

/// <summary>A row of <c>payments</c>: the one authorization attempt made for an order, approved or declined, and its refund if any.</summary>
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

    /// <summary>The gateway's refund, once the order was cancelled or its delivery failed after the authorization.</summary>
    public string? RefundId { get; set; }

    /// <summary><c>order cancelled</c> or <c>delivery failed</c>.</summary>
    public string? RefundReason { get; set; }

    public DateTimeOffset? RefundedAt { get; set; }
}
