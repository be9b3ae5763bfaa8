using Fulfillment.Messages;

namespace Fulfillment.LoadBenchmark;

/// <summary>An accepted order as its timeline tells it, next to when its POST was due.</summary>
/// <remarks><c>View</c>: Null when query-api did not know the order (404) or did not answer.</remarks>
public sealed record OrderJourney(RequestOutcome Request, OrderView? View)
{
    /// <summary>The lifecycle, in order: each hop is measured from the previous event's occurredAt.</summary>
    public static IReadOnlyList<string> Hops { get; } =
        [EventTypes.OrderCreated, EventTypes.InventoryReserved, EventTypes.PaymentAuthorized, EventTypes.DeliveryAssigned];

    public TimelineEvent? First(string eventType) =>
        View?.Timeline.Where(e => e.EventType == eventType).OrderBy(e => e.OccurredAt).FirstOrDefault();

    public int CountOf(string eventType) => View?.Timeline.Count(e => e.EventType == eventType) ?? 0;

    public bool Assigned => CountOf(EventTypes.DeliveryAssigned) > 0;

    public bool Rejected => CountOf(EventTypes.InventoryRejected) > 0 || CountOf(EventTypes.PaymentFailed) > 0;

    /// <summary>Scheduled POST time → delivery.assigned recorded (visible) in query-api, in milliseconds.</summary>
    public double? EndToEndMs => First(EventTypes.DeliveryAssigned) is { } assigned
        ? (assigned.RecordedAt - Request.ScheduledAt).TotalMilliseconds
        : null;
}
