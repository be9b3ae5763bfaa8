namespace Fulfillment.DeliveryService.Persistence;

public static class DeliveryStatuses
{
    /// <summary>Payment is authorized but every driver is busy; assigned first-come first-served as drivers free up.</summary>
    public const string WaitingForDriver = "WAITING_FOR_DRIVER";

    public const string EnRoute = "EN_ROUTE";

    public const string Delivered = "DELIVERED";
}
