namespace Fulfillment.NotificationService.Smtp;

/// <summary>
/// The SMTP server refused the email for good (a 5xx reply: unknown mailbox, message refused): sending it again cannot
/// succeed, so the record goes to the dead-letter topic at once. 4xx replies stay MailKit's own, retried.
/// </summary>
public sealed class MailRejectedException(string message, Exception innerException) : Exception(message, innerException);
