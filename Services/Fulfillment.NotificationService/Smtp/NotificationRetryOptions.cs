namespace Fulfillment.NotificationService.Smtp;

/// <summary>
/// How long an email waits for the SMTP server (section <c>Notification:Retry</c>): retries after the first attempt
/// and their exponential back-off, then the record goes to its dead-letter topic. The defaults ride out about a minute
/// of an unreachable server (waits of about 1, 3, 7, 15 and 30 s).
/// </summary>
public sealed class NotificationRetryOptions
{
    public const string SectionName = "Notification:Retry";

    public int Limit { get; set; } = 5;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromSeconds(2);
}
