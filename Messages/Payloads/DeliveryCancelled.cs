namespace Fulfillment.Messages;

/// <summary>
/// <c>delivery.cancelled</c>: delivery-service accepted a cancellation. No driver was assigned and none ever will be;
/// payment-service refunds what it authorized, inventory-service gives back what it holds, and the order ends
/// <c>CANCELLED</c> (decision 0019). delivery-service emits at most one of <c>delivery.assigned</c>,
/// <c>delivery.cancelled</c> and <c>delivery.failed</c> per order: that is what makes the outcome single.
/// </summary>
public sealed record DeliveryCancelled(string Reason);
