using System.Text.Encodings.Web;
using Fulfillment.Messages;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Fulfillment.QueryApi.Ui.Pages;

/// <summary>
/// The pages and their assets, embedded in the assembly (so a build output, a container image and a test run serve
/// the same files, with nothing fetched from elsewhere). Each page is its content inside layout.html, composed once at
/// start-up with the browser-facing service URLs filled in.
/// </summary>
public sealed class UiPages
{
    /// <summary>Where the embedded assets are served: <c>/ui/assets/common.js</c>, <c>/ui/assets/ui.css</c>, ...</summary>
    public const string AssetsPath = "/ui/assets";

    private const string CurrentPage = " aria-current=\"page\"";

    private readonly Dictionary<UiPage, string> _pages = [];

    public UiPages(IOptions<UiOptions> options)
    {
        var settings = options.Value;
        var layout = Read("layout.html")
            .Replace("{{ORDER_SERVICE_URL}}", HtmlEncoder.Default.Encode(settings.OrderServiceUrl.TrimEnd('/')), StringComparison.Ordinal)
            .Replace("{{INVENTORY_SERVICE_URL}}", HtmlEncoder.Default.Encode(settings.InventoryServiceUrl.TrimEnd('/')), StringComparison.Ordinal)
            .Replace("{{DLQ_TOPICS}}", HtmlEncoder.Default.Encode(string.Join(',', Topics.DeadLetter)), StringComparison.Ordinal);
        foreach (var page in UiPage.All)
        {
            _pages[page] = layout
                .Replace("{{TITLE}}", HtmlEncoder.Default.Encode(page.Title), StringComparison.Ordinal)
                .Replace("{{CURRENT_ORDERS}}", page.Menu == UiMenu.Orders ? CurrentPage : string.Empty, StringComparison.Ordinal)
                .Replace("{{CURRENT_ADMIN}}", page.Menu == UiMenu.Admin ? CurrentPage : string.Empty, StringComparison.Ordinal)
                .Replace("{{SCRIPTS}}", string.Join('\n', page.Scripts.Select(s => $"  <script src=\"{AssetsPath}/{s}\"></script>")), StringComparison.Ordinal)
                .Replace("{{CONTENT}}", Read(page.Content), StringComparison.Ordinal);
        }

        // The pages talk to query-api (same origin) and to the two services the browser calls directly; nothing else.
        ContentSecurityPolicy = string.Join("; ",
            "default-src 'self'",
            $"connect-src 'self' {Origin(settings.OrderServiceUrl)} {Origin(settings.InventoryServiceUrl)}",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'");
    }

    public static IFileProvider Assets { get; } = new EmbeddedFileProvider(typeof(UiPages).Assembly, "Fulfillment.QueryApi.Ui.Assets");

    public string ContentSecurityPolicy { get; }

    public IResult Page(HttpContext http, UiPage page)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(_pages[page], "text/html; charset=utf-8");
    }

    private static string Read(string file)
    {
        using var reader = new StreamReader(Assets.GetFileInfo(file).CreateReadStream());
        return reader.ReadToEnd();
    }

    private static string Origin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : string.Empty;
}
