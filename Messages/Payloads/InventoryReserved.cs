namespace Fulfillment.Messages;

/// <summary><c>inventory.reserved</c>: every line of the order is held.</summary>
/// <remarks>
/// Carries the order facts that payment and delivery need (customer, amount, address): those services consume only
/// their upstream topic, so the state travels with the event (docs/event-contracts.md).
/// </remarks>
public sealed record InventoryReserved(
    string ReservationId,
    string Warehouse,
    IReadOnlyList<StockLine> Lines,
    string CustomerId,
    decimal Amount,
    string Currency,
    GeoPoint DeliveryAddress);
