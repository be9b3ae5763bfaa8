namespace Fulfillment.NotificationService.Notifications;

/// <summary>An email's subject and plain-text body, rendered from the event it is about.</summary>
public sealed record EmailContent(string Subject, string Body);
