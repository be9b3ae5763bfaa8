using Fulfillment.Messages;

namespace Fulfillment.InventoryService.Reservations;

public sealed record ReservationResponse(
    string ReservationId,
    string OrderId,
    string Warehouse,
    string Status,
    string? Reason,
    IReadOnlyList<StockLine> Lines,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReleasedAt);
