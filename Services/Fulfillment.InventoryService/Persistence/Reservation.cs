namespace Fulfillment.InventoryService.Persistence;

/// <summary>A row of <c>reservations</c>: the one allocation decision taken for an order.</summary>
public sealed class Reservation
{
    public Guid ReservationId { get; set; }

    public required string OrderId { get; set; }

    public required string Warehouse { get; set; }

    public ReservationStatus Status { get; set; }

    /// <summary>Why the order was rejected, or why its stock was released.</summary>
    public string? Reason { get; set; }

    /// <summary>The event that led to this decision, for tracing a reservation back to its cause.</summary>
    public Guid SourceEventId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ReleasedAt { get; set; }

    public List<ReservationLine> Lines { get; set; } = [];
}
