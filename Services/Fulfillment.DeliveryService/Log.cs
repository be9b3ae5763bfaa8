namespace Fulfillment.DeliveryService;

internal static partial class Log
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Order {OrderId}: driver {DriverId} assigned, {DistanceKm:F2} km away, ETA {EstimatedArrival:O}")]
    public static partial void DriverAssigned(ILogger logger, string orderId, string driverId, double distanceKm, DateTimeOffset estimatedArrival);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "Order {OrderId}: every driver is busy; delivery {DeliveryId} waits for the next free one")]
    public static partial void WaitingForDriver(ILogger logger, string orderId, Guid deliveryId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "Order {OrderId} already has a delivery: payment.authorized {HandledEventId} changes nothing")]
    public static partial void DuplicateAuthorization(ILogger logger, string orderId, Guid handledEventId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Order {OrderId} delivered by driver {DriverId} at {DeliveredAt:O}")]
    public static partial void DeliveryCompleted(ILogger logger, string orderId, string driverId, DateTimeOffset deliveredAt);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug,
        Message = "ETA tick: {Advanced} deliveries moved, {Completed} arrived, {Assigned} waiting deliveries assigned")]
    public static partial void Ticked(ILogger logger, int advanced, int completed, int assigned);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "ETA tick failed; the next tick retries")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information,
        Message = "Driver pool synchronised: {Configured} configured drivers, {Added} added, {Changed} joined or left the pool")]
    public static partial void DriverPoolSynchronised(ILogger logger, int configured, int added, int changed);
}
