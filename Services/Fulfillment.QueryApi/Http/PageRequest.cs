using System.Globalization;

namespace Fulfillment.QueryApi.Http;

/// <summary>
/// <c>page</c> and <c>pageSize</c> from the query string. Parsed here rather than bound as <c>int</c> so that
/// <c>?page=abc</c> gets the same validation problem details as <c>?page=0</c>.
/// </summary>
public sealed record PageRequest(int PageNumber, int PageSize)
{
    public const int DefaultPageSize = 20;

    /// <summary>Larger requests are capped rather than refused; the response says which size was used.</summary>
    public const int MaxPageSize = 100;

    public int Skip => (PageNumber - 1) * PageSize;

    /// <summary>Parses the two values, adding a message per invalid one to <paramref name="errors"/>.</summary>
    public static PageRequest Parse(string? page, string? pageSize, Dictionary<string, string[]> errors)
    {
        var number = 1;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            errors["page"] = ["page must be a whole number from 1."];
            number = 1;
        }

        var size = DefaultPageSize;
        if (pageSize is not null && (!int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1))
        {
            errors["pageSize"] = [$"pageSize must be a whole number from 1 (at most {MaxPageSize} are returned)."];
            size = DefaultPageSize;
        }

        // Very long pages are capped; a skip beyond int range is refused rather than overflowing.
        size = Math.Min(size, MaxPageSize);
        if (!errors.ContainsKey("page") && (long)(number - 1) * size > int.MaxValue)
        {
            errors["page"] = ["page is beyond the end of any listing."];
            number = 1;
        }

        return new PageRequest(number, size);
    }
}
