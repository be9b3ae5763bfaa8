namespace Fulfillment.PaymentService;

/// <summary>payment-service's log lines, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Order {OrderId}: payment {PaymentId} authorized for {Amount} {Currency}")]
    public static partial void PaymentAuthorized(ILogger logger, string orderId, Guid paymentId, decimal amount, string currency);

    [LoggerMessage(3002, LogLevel.Information, "Order {OrderId}: payment {PaymentId} declined ({Reason})")]
    public static partial void PaymentDeclined(ILogger logger, string orderId, Guid paymentId, string reason);

    [LoggerMessage(3003, LogLevel.Information, "Order {OrderId} already has a payment; inventory.reserved {HandledEventId} ignored")]
    public static partial void PaymentAlreadyMade(ILogger logger, string orderId, Guid handledEventId);

    [LoggerMessage(3004, LogLevel.Information, "Order {OrderId}: payment {PaymentId} declined without asking the gateway, the order was cancelled first ({Reason})")]
    public static partial void CancelledOrderDeclined(ILogger logger, string orderId, Guid paymentId, string reason);

    [LoggerMessage(3101, LogLevel.Information, "Order {OrderId}: cancelled ({CancellationType}) before its payment; it will never be authorized")]
    public static partial void CancellationRemembered(ILogger logger, string orderId, string cancellationType);

    [LoggerMessage(3102, LogLevel.Information, "Order {OrderId}: cancellation requested, payment is {Status}; delivery-service's verdict decides")]
    public static partial void CancellationAwaitsVerdict(ILogger logger, string orderId, string status);

    [LoggerMessage(3103, LogLevel.Information, "Order {OrderId}: payment {PaymentId} refunded as {RefundId}, {Amount} {Currency} ({Reason})")]
    public static partial void PaymentRefunded(ILogger logger, string orderId, Guid paymentId, string refundId, decimal amount, string currency, string reason);

    [LoggerMessage(3104, LogLevel.Information, "Order {OrderId}: nothing to refund, payment {PaymentId} is {Status}")]
    public static partial void NothingToRefund(ILogger logger, string orderId, Guid paymentId, string status);
}
