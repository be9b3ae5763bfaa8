namespace Fulfillment.Messages;

/// <summary>
/// <c>delivery.failed</c>: delivery-service will never deliver this paid order: the address is outside the service
/// area, or no driver could be assigned within <c>Delivery:AssignmentTimeout</c>. Payment is refunded, stock given
/// back, and the order ends <c>DELIVERY_FAILED</c>. <c>code</c> is one of <see cref="DeliveryFailureCodes"/>,
/// <c>reason</c> the sentence for people.
/// </summary>
public sealed record DeliveryFailed(string Code, string Reason);
