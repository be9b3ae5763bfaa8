namespace Fulfillment.Messages;

/// <summary>
/// <c>notification.sent</c>: notification-service handed an email about the order to the SMTP server.
/// <c>kind</c> is one of <see cref="NotificationKinds"/>; <c>messageId</c> is derived from (order, kind), so a resend carries the same one.
/// </summary>
public sealed record NotificationSent(string Kind, string Recipient, string Subject, string MessageId, DateTimeOffset SentAt);
