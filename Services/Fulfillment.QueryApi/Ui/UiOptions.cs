namespace Fulfillment.QueryApi.Ui;

/// <summary>
/// Section <c>Ui</c>: where the pages send the browser for writes and stock (order-service and inventory-service,
/// which allow the page's origin through <c>Cors:AllowedOrigins</c>, decision 0020) and how live streams behave.
/// </summary>
public sealed class UiOptions
{
    public const string SectionName = "Ui";

    /// <summary>order-service as the browser reaches it (placing and cancelling orders).</summary>
    public string OrderServiceUrl { get; set; } = "http://localhost:8081";

    /// <summary>inventory-service as the browser reaches it (the stock list of the order form).</summary>
    public string InventoryServiceUrl { get; set; } = "http://localhost:8083";

    /// <summary>
    /// Changes a watcher's stream may hold before the oldest is dropped and the page is told to re-read: a slow
    /// browser costs at most this many pending events, never a growing queue.
    /// </summary>
    public int SubscriberBuffer { get; set; } = 16;

    /// <summary>An idle stream sends a keep-alive this often, so dead connections are noticed and freed.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>What the page's EventSource waits before reconnecting (sent as the stream's <c>retry</c>).</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Changed orders read and pushed concurrently (each read serves every watcher of that order).</summary>
    public int DispatchParallelism { get; set; } = 4;

    /// <summary>How long the LISTEN connection waits before reconnecting after losing PostgreSQL.</summary>
    public TimeSpan ListenRetryInterval { get; set; } = TimeSpan.FromSeconds(2);
}
