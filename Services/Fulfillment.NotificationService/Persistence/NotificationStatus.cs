namespace Fulfillment.NotificationService.Persistence;

public enum NotificationStatus
{
    /// <summary>The SMTP server accepted it.</summary>
    Sent,

    /// <summary>The order has no email address: nothing was sent, and that is on record.</summary>
    NoRecipient,

    /// <summary>The event came before the order's address (another topic, another lag); sent when the address arrives.</summary>
    AwaitingRecipient,
}
