namespace Fulfillment.Messages;

/// <summary>The emails notification-service sends: at most one of each kind per order.</summary>
public static class NotificationKinds
{
    public const string OrderConfirmed = "order-confirmed";
    public const string DriverAssigned = "driver-assigned";
    public const string Delivered = "delivered";
    public const string Rejected = "rejected";
    public const string PaymentFailed = "payment-failed";
    public const string Cancelled = "cancelled";
    public const string DeliveryFailed = "delivery-failed";

    public static IReadOnlyList<string> All { get; } =
        [OrderConfirmed, DriverAssigned, Delivered, Rejected, PaymentFailed, Cancelled, DeliveryFailed];
}
