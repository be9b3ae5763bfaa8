using System.Net.Mail;

namespace Fulfillment.OrderService.Orders;

/// <summary>
/// Whether a customer's email address is plausible: one that a mail server could deliver to, written as a bare
/// address. Not proof that the mailbox exists; only a confirmation email could tell.
/// </summary>
/// <remarks>
/// <see cref="MailAddress"/> parses the address (it is what MailKit and SmtpClient accept) and must give back the text
/// unchanged, which rules out display names (<c>Jane &lt;jane@example.com&gt;</c>), comments and angle brackets. On top:
/// the RFC 5321 limits (64 characters before the <c>@</c>, 254 in all), no whitespace or control characters anywhere
/// (MailAddress allows them in quoted local parts), and a domain of at least two dot-separated labels of letters,
/// digits and inner hyphens, as every domain that receives mail on the internet has. IP literals are not plausible for
/// a customer and are refused.
/// </remarks>
public static class CustomerEmail
{
    public const int MaxLength = 254;

    public const int MaxLocalPartLength = 64;

    private const int MaxLabelLength = 63;

    /// <summary>Null when <paramref name="value"/> is plausible, otherwise why not (for the field error).</summary>
    public static string? Problem(string value)
    {
        if (value.Length == 0)
        {
            return "customerEmail must not be empty; leave it out (or send null) when there is none.";
        }

        if (value.Length > MaxLength)
        {
            return $"customerEmail must be at most {MaxLength} characters.";
        }

        const string Shape = "customerEmail must be a single email address such as jane@example.com.";
        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !MailAddress.TryCreate(value, out var parsed)
            || !string.Equals(parsed.Address, value, StringComparison.Ordinal)
            || parsed.DisplayName.Length > 0)
        {
            return Shape;
        }

        if (parsed.User.Length > MaxLocalPartLength)
        {
            return $"customerEmail may have at most {MaxLocalPartLength} characters before the @.";
        }

        var labels = parsed.Host.Split('.');
        return labels.Length >= 2 && labels.All(IsLabel) && !labels[^1].All(char.IsAsciiDigit) ? null : Shape;
    }

    // Letters and digits of any script (internationalized domains), hyphens inside only.
    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label[0] != '-'
        && label[^1] != '-'
        && label.All(c => char.IsLetterOrDigit(c) || c == '-');
}
