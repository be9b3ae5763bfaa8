using System.Globalization;
using System.Text.RegularExpressions;

namespace Fulfillment.InvoiceService.Numbering;

/// <summary>
/// An invoice number: <c>INV-2026-000001</c>, the year of issue and the invoice's place in that year, from 1, in at
/// least six digits (a year with more than 999,999 invoices goes on to seven rather than wrapping).
/// </summary>
public readonly partial record struct InvoiceNumber(int Year, int Sequence)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"INV-{Year:D4}-{Sequence:D6}");

    /// <summary>Reads <paramref name="text"/> as this service writes numbers; anything else is not one.</summary>
    public static bool TryParse(string? text, out InvoiceNumber number)
    {
        number = default;
        var match = text is null ? Match.Empty : Format().Match(text);
        if (!match.Success
            || !int.TryParse(match.Groups["year"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(match.Groups["sequence"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || sequence == 0)
        {
            return false;
        }

        number = new InvoiceNumber(year, sequence);
        return true;
    }

    // Six digits exactly, or more without a leading zero: every number has one spelling.
    [GeneratedRegex(@"\AINV-(?<year>[0-9]{4})-(?<sequence>[0-9]{6}|[1-9][0-9]{6,8})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
