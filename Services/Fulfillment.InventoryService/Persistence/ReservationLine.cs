namespace Fulfillment.InventoryService.Persistence;

/// <summary>A row of <c>reservation_lines</c>: units of one SKU held by a reservation.</summary>
public sealed class ReservationLine
{
    public Guid ReservationId { get; set; }

    public required string Sku { get; set; }

    public int Quantity { get; set; }
}
