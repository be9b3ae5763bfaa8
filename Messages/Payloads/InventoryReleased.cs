namespace Fulfillment.Messages;

/// <summary><c>inventory.released</c>: a reservation was given back (compensation for a failed payment, a cancelled order or a failed delivery).</summary>
public sealed record InventoryReleased(string ReservationId, IReadOnlyList<StockLine> Lines, string Reason);
