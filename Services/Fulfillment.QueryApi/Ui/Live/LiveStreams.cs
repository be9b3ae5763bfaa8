using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Fulfillment.QueryApi.Ui.Live;

/// <summary>
/// A watcher's Server-Sent Events: <c>ready</c> once subscribed (the page reads the current state then, so nothing
/// committed before or after is missed), then the pushes, <c>resync</c> when some were dropped, and a keep-alive when
/// idle. The stream ends when the browser leaves or the host stops (a restarting query-api is not held up by its
/// watchers; their EventSource reconnects and starts again with <c>ready</c>).
/// </summary>
public sealed class LiveStreams(IOptions<UiOptions> options, IHostApplicationLifetime lifetime)
{
    /// <summary>The stream of the subscription <paramref name="subscribe"/> makes, ended (and unsubscribed) with it.</summary>
    public async IAsyncEnumerable<SseItem<string>> StreamAsync(
        Func<LiveSubscription> subscribe, [EnumeratorCancellation] CancellationToken requestAborted)
    {
        using var subscription = subscribe();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var settings = options.Value;
        yield return new SseItem<string>(subscription.OrderId ?? string.Empty, LiveEvents.Ready)
        {
            ReconnectionInterval = settings.ReconnectInterval,
        };

        while (!ended.IsCancellationRequested)
        {
            var ready = await WaitAsync(subscription, settings.KeepAliveInterval, ended.Token);
            if (ended.IsCancellationRequested)
            {
                yield break;
            }

            if (!ready)
            {
                yield return LiveEvents.KeepAlive;
                continue;
            }

            if (subscription.TakeLagging())
            {
                // Whatever is still queued is older than the state the page is about to read.
                while (subscription.Events.TryRead(out _))
                {
                }

                yield return LiveEvents.Resync;
                continue;
            }

            while (subscription.Events.TryRead(out var item))
            {
                if (item.EventType != LiveEvents.ResyncType)
                {
                    yield return item;
                }
            }
        }
    }

    /// <summary>True when events are queued, false after <paramref name="idle"/> without any or when the stream ends.</summary>
    private static async Task<bool> WaitAsync(LiveSubscription subscription, TimeSpan idle, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(idle);
        try
        {
            return await subscription.Events.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
