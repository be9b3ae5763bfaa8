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
}
