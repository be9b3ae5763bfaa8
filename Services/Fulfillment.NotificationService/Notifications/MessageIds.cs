using System.Text;

namespace Fulfillment.NotificationService.Notifications;

/// <summary>
/// The <c>Message-Id</c> of an order's email of a kind, <c>&lt;{orderId}.{kind}@notification.fulfillment&gt;</c>: the
/// same for every send of it, so a resend after a crash (docs/decisions/0018) is recognisable as the same email, and
/// a mail client or relay that de-duplicates on Message-Id drops it.
/// </summary>
public static class MessageIds
{
    public const string Domain = "notification.fulfillment";

    public static string For(string orderId, string kind) => $"<{Escape(orderId)}.{kind}@{Domain}>";

    // Order ids are UUIDs; anything outside letters, digits and '-' is percent-encoded (UTF-8), which keeps the id a
    // valid dot-atom and distinct orders distinct. '.' is encoded too, so the last '.' always separates the kind.
    private static string Escape(string orderId)
    {
        var escaped = new StringBuilder(orderId.Length);
        foreach (var b in Encoding.UTF8.GetBytes(orderId))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b == '-')
            {
                escaped.Append((char)b);
            }
            else
            {
                escaped.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }
}
