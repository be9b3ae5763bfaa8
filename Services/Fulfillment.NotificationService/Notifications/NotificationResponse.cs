namespace Fulfillment.NotificationService.Notifications;

/// <summary>One email of an order: its kind, what became of it (<c>sent</c>, <c>no-recipient</c>, <c>awaiting-recipient</c>) and its Message-Id.</summary>
public sealed record NotificationResponse(
    string NotificationId,
    string OrderId,
    string Kind,
    string Status,
    string? Recipient,
    string Subject,
    string MessageId,
    string SourceEventId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt);
