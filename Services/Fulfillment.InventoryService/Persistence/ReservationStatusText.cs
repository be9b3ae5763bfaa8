namespace Fulfillment.InventoryService.Persistence;

/// <summary>The lower-case names of <see cref="ReservationStatus"/> used in the database and the HTTP API.</summary>
public static class ReservationStatusText
{
    public static string Format(ReservationStatus status) => status switch
    {
        ReservationStatus.Reserved => "reserved",
        ReservationStatus.Rejected => "rejected",
        ReservationStatus.Released => "released",
        ReservationStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static ReservationStatus Parse(string text) => text switch
    {
        "reserved" => ReservationStatus.Reserved,
        "rejected" => ReservationStatus.Rejected,
        "released" => ReservationStatus.Released,
        "cancelled" => ReservationStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, null),
    };
}
