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
}
