namespace Fulfillment.OrderService;

internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Order {OrderId} accepted for customer {CustomerId}: {LineCount} lines, total {Total} {Currency} (correlation {CorrelationId})")]
    public static partial void OrderAccepted(
        ILogger logger, Guid orderId, string customerId, int lineCount, decimal total, string currency, string correlationId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Idempotency-Key {IdempotencyKey} replayed: answering with order {OrderId}")]
    public static partial void IdempotentReplay(ILogger logger, string idempotencyKey, Guid orderId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning,
        Message = "Idempotency-Key {IdempotencyKey} reused with a different request (it created order {OrderId}): refused")]
    public static partial void IdempotencyKeyReused(ILogger logger, string idempotencyKey, Guid orderId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Idempotency-Key {IdempotencyKey} was committed concurrently by another request; reading its order")]
    public static partial void IdempotencyRaceLost(ILogger logger, string idempotencyKey);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Order {OrderId}: {From} → {To} on {EventType} {HandledEventId}")]
    public static partial void StatusChanged(ILogger logger, Guid orderId, string from, string to, string eventType, Guid handledEventId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Order {OrderId} confirmed on {EventType} {HandledEventId}: order.confirmed added to the outbox")]
    public static partial void OrderConfirmed(ILogger logger, Guid orderId, string eventType, Guid handledEventId);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "{EventType} {HandledEventId} for order {OrderId} moves no status (it is {Status}): its time is recorded")]
    public static partial void StepRecorded(ILogger logger, string eventType, Guid handledEventId, Guid orderId, string status);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning,
        Message = "{EventType} {HandledEventId} for order {OrderId} contradicts its status {Status} (no history the contract allows has it): ignored")]
    public static partial void StepContradictsStatus(ILogger logger, string eventType, Guid handledEventId, Guid orderId, string status);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "{EventType} {HandledEventId} names order {OrderId}, which order-service does not have: skipped")]
    public static partial void UnknownOrder(ILogger logger, string eventType, Guid handledEventId, string orderId);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning,
        Message = "Order {OrderId} locked after order {HeldOrderId}, against order_id order: the batch preparer missed it (deadlock possible)")]
    public static partial void OrderLockedOutOfOrder(ILogger logger, Guid orderId, Guid heldOrderId);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Order {OrderId} ({Status}): cancel accepted, order.cancelled added to the outbox (reason: {Reason})")]
    public static partial void CancelAccepted(ILogger logger, Guid orderId, string status, string reason);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Information, Message = "Order {OrderId} ({Status}): cancel already requested, answered again, nothing written")]
    public static partial void CancelRepeated(ILogger logger, Guid orderId, string status);

    [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "Order {OrderId}: cancel refused, it is {Status}")]
    public static partial void CancelRefused(ILogger logger, Guid orderId, string status);
}
