namespace Fulfillment.Messages;

/// <summary><c>delivery.completed</c>: the driver reached the address.</summary>
public sealed record DeliveryCompleted(string DeliveryId, string DriverId, DateTimeOffset DeliveredAt);
