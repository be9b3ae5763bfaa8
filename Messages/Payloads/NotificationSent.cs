namespace Fulfillment.Messages;

/// <summary>
/// <c>notification.sent</c>: notification-service handed an email about the order to the SMTP server.
/// </summary>
/// <param name="Kind">What it was about: one of <see cref="NotificationKinds"/>.</param>
/// <param name="MessageId">The email's <c>Message-Id</c>, derived from (order, kind): a resend carries the same one.</param>
public sealed record NotificationSent(string Kind, string Recipient, string Subject, string MessageId, DateTimeOffset SentAt);
