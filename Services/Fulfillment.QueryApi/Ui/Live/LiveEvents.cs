using System.Net.ServerSentEvents;

namespace Fulfillment.QueryApi.Ui.Live;

/// <summary>The event types of the live streams, as the pages' EventSource listens for them.</summary>
public static class LiveEvents
{
    /// <summary>First event of every stream: subscribed; the page (re-)reads the current state now and applies newer pushes.</summary>
    public const string Ready = "ready";

    /// <summary>An order's new state (<see cref="LiveOrder"/>), on an order's stream.</summary>
    public const string Order = "order";

    /// <summary>An order's new summary, on the stream of every order.</summary>
    public const string Summary = "summary";

    /// <summary>Changes may have been missed (a slow reader, a lost LISTEN connection): read the current state again.</summary>
    public const string ResyncType = "resync";

    /// <summary>Nothing happened for a while; sent so that dead connections fail and are freed.</summary>
    public const string KeepAliveType = "keepalive";

    public static SseItem<string> Resync { get; } = new(string.Empty, ResyncType);

    public static SseItem<string> KeepAlive { get; } = new(string.Empty, KeepAliveType);
}
