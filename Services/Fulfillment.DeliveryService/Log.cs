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
        Message = "ETA tick: {Advanced} deliveries moved, {Completed} arrived, {Assigned} waiting deliveries assigned, {Expired} failed for want of a driver")]
    public static partial void Ticked(ILogger logger, int advanced, int completed, int assigned, int expired);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "ETA tick failed; the next tick retries")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information,
        Message = "Driver pool synchronised: {Configured} configured drivers, {Added} added, {Changed} joined or left the pool")]
    public static partial void DriverPoolSynchronised(ILogger logger, int configured, int added, int changed);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information,
        Message = "Order {OrderId} cancelled before any driver was assigned: delivery {DeliveryId} cancelled ({Reason})")]
    public static partial void DeliveryCancelled(ILogger logger, string orderId, Guid deliveryId, string reason);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning,
        Message = "Order {OrderId}: the cancellation came too late, delivery {DeliveryId} is already {Status}; the order goes on")]
    public static partial void CancellationTooLate(ILogger logger, string orderId, Guid deliveryId, string status);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information,
        Message = "Order {OrderId} is already cancelled: order.cancelled {HandledEventId} changes nothing")]
    public static partial void DuplicateCancellation(ILogger logger, string orderId, Guid handledEventId);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information,
        Message = "Order {OrderId} was cancelled before its payment was authorized: payment.authorized {HandledEventId} assigns no driver")]
    public static partial void AuthorizedAfterCancellation(ILogger logger, string orderId, Guid handledEventId);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning,
        Message = "Order {OrderId}: delivery failed ({FailureCode}): {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string orderId, string failureCode, string reason);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error,
        Message = "Order {OrderId} held out of key order ({OutOfOrderLocks} in this unit of work): a batch preparer missed it, so two transactions could wait on each other")]
    public static partial void OrderLockedOutOfOrder(ILogger logger, string orderId, int outOfOrderLocks);
}
