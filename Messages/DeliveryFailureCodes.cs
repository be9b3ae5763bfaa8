namespace Fulfillment.Messages;

/// <summary>The <c>code</c> of a <c>delivery.failed</c>.</summary>
public static class DeliveryFailureCodes
{
    /// <summary>The delivery address is outside <c>Delivery:ServiceArea</c>.</summary>
    public const string OutsideServiceArea = "outside-service-area";

    /// <summary>No driver was free within <c>Delivery:AssignmentTimeout</c>.</summary>
    public const string NoDriverInTime = "no-driver-in-time";

    public static IReadOnlyList<string> All { get; } = [OutsideServiceArea, NoDriverInTime];
}
