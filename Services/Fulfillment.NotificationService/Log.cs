namespace Fulfillment.NotificationService;

/// <summary>notification-service's log lines, source-generated.</summary>
internal static partial class Log
{
    [LoggerMessage(9001, LogLevel.Information, "Order {OrderId}: {Kind} email {MessageId} accepted by the SMTP server")]
    public static partial void Sent(ILogger logger, string orderId, string kind, string messageId);

    [LoggerMessage(9002, LogLevel.Information, "Order {OrderId} has no email address: no {Kind} email, recorded")]
    public static partial void NoRecipient(ILogger logger, string orderId, string kind);

    [LoggerMessage(9003, LogLevel.Information, "Order {OrderId}: {Kind} email waits for the order's address")]
    public static partial void AwaitingRecipient(ILogger logger, string orderId, string kind);

    [LoggerMessage(9004, LogLevel.Information, "Order {OrderId} already has its {Kind} email; event {HandledEventId} ignored")]
    public static partial void AlreadyNotified(ILogger logger, string orderId, string kind, Guid handledEventId);

    [LoggerMessage(9005, LogLevel.Warning, "Order {OrderId}: its email address does not parse; treated as none")]
    public static partial void UnusableAddress(ILogger logger, string orderId);

    [LoggerMessage(9006, LogLevel.Warning, "QUIT to the SMTP server {Host}:{Port} failed after it accepted every message; ignored")]
    public static partial void SmtpQuitFailed(ILogger logger, Exception exception, string host, int port);

    [LoggerMessage(9007, LogLevel.Information, "Email {MessageId} was accepted by the SMTP server before this unit of work was replayed; not sent again")]
    public static partial void AlreadyAccepted(ILogger logger, string messageId);
}
