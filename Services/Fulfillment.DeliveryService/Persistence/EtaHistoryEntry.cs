namespace Fulfillment.DeliveryService.Persistence;

/// <summary>A row of <c>eta_history</c>.</summary>
public sealed class EtaHistoryEntry
{
    public Guid DeliveryId { get; set; }

    public int Sequence { get; set; }

    public double DriverLatitude { get; set; }

    public double DriverLongitude { get; set; }

    public double RemainingKm { get; set; }

    public DateTimeOffset EstimatedArrival { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
