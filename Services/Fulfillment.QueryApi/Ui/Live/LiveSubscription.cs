using System.Net.ServerSentEvents;
using System.Threading.Channels;

namespace Fulfillment.QueryApi.Ui.Live;

/// <summary>
/// One watcher's queue of events to send: bounded, dropping the oldest when the browser reads slower than orders
/// change. A drop marks the subscription so its stream tells the page to re-read, since what it missed is unknown.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<SseItem<string>> _events;
    private readonly Action<LiveSubscription> _unsubscribe;
    private int _lagging;

    internal LiveSubscription(string? orderId, int capacity, Action<LiveSubscription> unsubscribe)
    {
        OrderId = orderId;
        _unsubscribe = unsubscribe;
        _events = Channel.CreateBounded<SseItem<string>>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Exchange(ref _lagging, 1));
    }

    /// <summary>The watched order, or null for a watcher of every order (the list page).</summary>
    public string? OrderId { get; }

    public ChannelReader<SseItem<string>> Events => _events.Reader;

    /// <summary>Queues an event without waiting: a full queue drops its oldest entry instead.</summary>
    public void Offer(SseItem<string> item) => _events.Writer.TryWrite(item);

    /// <summary>True once after events were dropped (or a re-read was requested): the stream sends <c>resync</c>.</summary>
    public bool TakeLagging() => Interlocked.Exchange(ref _lagging, 0) == 1;

    /// <summary>Asks the page to re-read, waking the stream even when nothing else is queued.</summary>
    public void RequestResync()
    {
        Interlocked.Exchange(ref _lagging, 1);
        Offer(LiveEvents.Resync);
    }

    public void Dispose()
    {
        _events.Writer.TryComplete();
        _unsubscribe(this);
    }
}
