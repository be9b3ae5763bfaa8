namespace Fulfillment.Messages;

/// <summary>
/// <c>order.cancelled</c>: the customer asked order-service to cancel, and order-service accepted (the order was
/// neither final nor, as far as it knew, out for delivery). It is a request the rest of the flow settles:
/// delivery-service decides whether it came in time (<c>delivery.cancelled</c>) or too late (the driver is already
/// assigned, the order goes on), decision 0019.
/// </summary>
public sealed record OrderCancelled(string CustomerId, string Reason);
