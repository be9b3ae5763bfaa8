namespace Fulfillment.NotificationService.Persistence;

/// <summary>The names of <see cref="NotificationStatus"/> used in the database and the HTTP API.</summary>
public static class NotificationStatusText
{
    public static string Format(NotificationStatus status) => status switch
    {
        NotificationStatus.Sent => "sent",
        NotificationStatus.NoRecipient => "no-recipient",
        NotificationStatus.AwaitingRecipient => "awaiting-recipient",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static NotificationStatus Parse(string text) => text switch
    {
        "sent" => NotificationStatus.Sent,
        "no-recipient" => NotificationStatus.NoRecipient,
        "awaiting-recipient" => NotificationStatus.AwaitingRecipient,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, null),
    };
}
