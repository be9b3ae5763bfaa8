using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Fulfillment.QueryApi.Ui.Live;

/// <summary>
/// Fans the read model's change notifications out to the live streams of this process: one read per changed order,
/// serialized once, offered to each of its watchers' bounded queues (and the summary to every list watcher).
/// </summary>
/// <remarks>
/// A burst of changes to one order while it waits for dispatch is read once: the pending set holds each order id at
/// most once, so the dispatch queue is bounded by the number of distinct orders, and a watcher gets the latest state.
/// Orders nobody watches are not read at all.
/// </remarks>
public sealed class OrderChangeHub(
    IServiceScopeFactory scopes, IOptions<UiOptions> options, IOptions<JsonOptions> json, ILogger<OrderChangeHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<LiveSubscription, byte>> _byOrder = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<LiveSubscription, byte> _everyOrder = new();
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly Channel<string> _changed = Channel.CreateUnbounded<string>();

    // Adding a watcher of an order and removing an order's last one must not interleave (the new watcher could land
    // in the set being dropped); dispatch reads the maps without it.
    private readonly Lock _registration = new();

    public LiveSubscription WatchOrder(string orderId)
    {
        var subscription = new LiveSubscription(orderId, options.Value.SubscriberBuffer, Unsubscribe);
        lock (_registration)
        {
            _byOrder.GetOrAdd(orderId, _ => new())[subscription] = 0;
        }

        return subscription;
    }

    public LiveSubscription WatchEveryOrder()
    {
        var subscription = new LiveSubscription(null, options.Value.SubscriberBuffer, Unsubscribe);
        _everyOrder[subscription] = 0;
        return subscription;
    }

    /// <summary>A committed change of <paramref name="orderId"/> (from the LISTEN connection).</summary>
    public void Changed(string orderId)
    {
        if ((_everyOrder.IsEmpty && !_byOrder.ContainsKey(orderId)) || !_pending.TryAdd(orderId, 0))
        {
            return;
        }

        _changed.Writer.TryWrite(orderId);
    }

    /// <summary>Notifications may have been lost (the LISTEN connection was down): every watcher re-reads.</summary>
    public void ResyncAll()
    {
        foreach (var subscription in _everyOrder.Keys.Concat(_byOrder.Values.SelectMany(w => w.Keys)))
        {
            subscription.RequestResync();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(
            _changed.Reader.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.DispatchParallelism), CancellationToken = stoppingToken },
            DispatchAsync);

    private async ValueTask DispatchAsync(string orderId, CancellationToken cancellationToken)
    {
        // Before reading: a change committed during the read queues the order again rather than being lost.
        _pending.TryRemove(orderId, out _);
        var orderWatchers = _byOrder.TryGetValue(orderId, out var watchers) ? watchers.Keys.ToList() : [];
        var listWatchers = _everyOrder.Keys.ToList();
        if (orderWatchers.Count == 0 && listWatchers.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var reads = scope.ServiceProvider.GetRequiredService<LiveReads>();
            if (orderWatchers.Count > 0 && await reads.OrderAsync(orderId, cancellationToken) is { } order)
            {
                Offer(orderWatchers, new SseItem<string>(Serialize(order), LiveEvents.Order) { EventId = VersionOf(order) });
            }

            if (listWatchers.Count > 0 && await reads.SummaryAsync(orderId, cancellationToken) is { } summary)
            {
                Offer(listWatchers, new SseItem<string>(Serialize(summary), LiveEvents.Summary));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            UiLog.DispatchFailed(logger, ex, orderId);
            foreach (var subscription in orderWatchers.Concat(listWatchers))
            {
                subscription.RequestResync();
            }
        }
    }

    private static void Offer(List<LiveSubscription> subscriptions, SseItem<string> item)
    {
        foreach (var subscription in subscriptions)
        {
            subscription.Offer(item);
        }
    }

    /// <summary>The state's version, so a page can ignore a push older than what it already shows.</summary>
    private static string VersionOf(LiveOrder order) =>
        $"{order.Order.UpdatedAt.UtcTicks}.{order.Saga?.Version ?? 0}";

    private string Serialize<T>(T value) => JsonSerializer.Serialize(value, json.Value.SerializerOptions);

    private void Unsubscribe(LiveSubscription subscription)
    {
        if (subscription.OrderId is not { } orderId)
        {
            _everyOrder.TryRemove(subscription, out _);
            return;
        }

        lock (_registration)
        {
            if (_byOrder.TryGetValue(orderId, out var watchers) && watchers.TryRemove(subscription, out _) && watchers.IsEmpty)
            {
                _byOrder.TryRemove(orderId, out _);
            }
        }
    }
}
