namespace Fulfillment.NotificationService.Persistence;

/// <summary>A row of <c>notifications</c>: the one email of a kind for an order, and what became of it.</summary>
public sealed class Notification
{
    public Guid NotificationId { get; set; }

    public required string OrderId { get; set; }

    /// <summary>One of <see cref="Fulfillment.Messages.NotificationKinds"/>.</summary>
    public required string Kind { get; set; }

    public NotificationStatus Status { get; set; }

    /// <summary>The address it went to; null until it is sent.</summary>
    public string? Recipient { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    /// <summary>Derived from (order, kind): a resend after a crash carries the same one.</summary>
    public required string MessageId { get; set; }

    /// <summary>The event the email is about.</summary>
    public Guid SourceEventId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
