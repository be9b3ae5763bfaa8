namespace Fulfillment.ServiceDefaults.Cors;

/// <summary>
/// Section <c>Cors</c>: the web origins whose pages may call this service from the browser (the query-api UI placing
/// and cancelling orders on order-service, listing stock on inventory-service; decision 0020). Empty, the default,
/// turns CORS off: no <c>Access-Control-*</c> header is ever sent.
/// </summary>
public sealed class BrowserCorsOptions
{
    public const string SectionName = "Cors";

    /// <summary>Exact origins (<c>scheme://host:port</c>), such as <c>http://localhost:8080</c>.</summary>
    public string[] AllowedOrigins { get; set; } = [];
}
