namespace Fulfillment.DeliveryService.Persistence;

public static class DeliveryStatuses
{
    /// <summary>Payment is authorized but every driver is busy; assigned first-come first-served as drivers free up.</summary>
    public const string WaitingForDriver = "WAITING_FOR_DRIVER";

    public const string EnRoute = "EN_ROUTE";

    public const string Delivered = "DELIVERED";

    /// <summary>The order was cancelled before any driver was assigned: delivery.cancelled, and no driver ever (decision 0019).</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>A paid order that will not be delivered (outside the service area, or no driver in time): delivery.failed.</summary>
    public const string Failed = "FAILED";
}
