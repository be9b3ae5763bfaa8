using MailKit.Security;

namespace Fulfillment.NotificationService.Smtp;

/// <summary>The SMTP server emails are handed to (section <c>Notification:Smtp</c>); locally smtp4dev on port 2525.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Notification:Smtp";

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 2525;

    /// <summary>MailKit's <see cref="SecureSocketOptions"/>: <c>None</c> for smtp4dev, <c>StartTls</c> or <c>SslOnConnect</c> for a real relay.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.None;

    /// <summary>The sender, as a mailbox (<c>Name &lt;address&gt;</c> or a bare address).</summary>
    public string From { get; set; } = "Fulfillment <notifications@fulfillment.local>";

    /// <summary>Authenticates with these when set; smtp4dev needs none.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>
    /// How long one SMTP command may take. A server that accepts the connection and then says nothing ends in a
    /// <see cref="TimeoutException"/> after this, retried like a refused connection.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
