using Fulfillment.Messages;

namespace Fulfillment.DeliveryService.Persistence;

/// <summary>
/// A row of <c>deliveries</c>: one per order, from payment authorization (or a cancellation that came first) to its
/// verdict and, once assigned, to arrival.
/// </summary>
public sealed class Delivery
{
    public Guid DeliveryId { get; set; }

    public required string OrderId { get; set; }

    public required string Status { get; set; }

    public string? DriverId { get; set; }

    /// <summary>Null only for an order cancelled before its payment was authorized: its address never reached us.</summary>
    public double? DestinationLatitude { get; set; }

    public double? DestinationLongitude { get; set; }

    public double? DriverLatitude { get; set; }

    public double? DriverLongitude { get; set; }

    /// <summary>Great-circle distance from the driver to the destination at assignment.</summary>
    public double? DistanceKm { get; set; }

    public double? RemainingKm { get; set; }

    public DateTimeOffset? EstimatedArrival { get; set; }

    /// <summary>Sequence of the last ETA published: 0 at assignment, then one more per eta.updated.</summary>
    public int Sequence { get; set; }

    public required string CorrelationId { get; set; }

    /// <summary>
    /// The eventId of the payment.authorized (or the order.cancelled) that created the delivery: the cause of the
    /// events the ticker emits for it.
    /// </summary>
    public required string CausationId { get; set; }

    /// <summary>W3C trace context of the event that created the delivery; the ticker's events continue it.</summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>When the driver's position was last advanced (the time the next advance is measured from).</summary>
    public DateTimeOffset? LastUpdateAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Why a FAILED delivery failed: one of <see cref="DeliveryFailureCodes"/>.</summary>
    public string? FailureCode { get; set; }

    /// <summary>The sentence of the verdict: the cancellation's reason, or why the delivery failed.</summary>
    public string? Reason { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>The verdict delivery.failed: no driver now or later (the caller emits the event).</summary>
    public void Fail(string failureCode, string reason, DateTimeOffset now)
    {
        Status = DeliveryStatuses.Failed;
        FailureCode = failureCode;
        Reason = reason;
        FailedAt = now;
    }

    /// <summary>The verdict delivery.cancelled: no driver now or later (the caller emits the event).</summary>
    public void Cancel(string reason, DateTimeOffset now)
    {
        Status = DeliveryStatuses.Cancelled;
        Reason = reason;
        CancelledAt = now;
    }

    public GeoPoint? Destination =>
        DestinationLatitude is { } latitude && DestinationLongitude is { } longitude ? new GeoPoint(latitude, longitude) : null;

    /// <summary>The destination of a delivery that has one: every delivery created by a payment.authorized.</summary>
    public GeoPoint RequiredDestination =>
        Destination ?? throw new InvalidOperationException($"Delivery {DeliveryId} of order {OrderId} has no destination.");

    public GeoPoint? DriverPosition =>
        DriverLatitude is { } latitude && DriverLongitude is { } longitude ? new GeoPoint(latitude, longitude) : null;
}
