using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Fulfillment.WatcherBenchmark;

/// <summary>
/// One browser's worth of watching: a <c>/ui/live/orders/{orderId}</c> stream read as an EventSource would, recording
/// for each pushed ETA sequence how long after its event was produced it arrived.
/// </summary>
public sealed class Watcher(HttpClient client, string orderId, UpdateClock clock)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _lastSequence = -1;

    public Task Ready => _ready.Task;

    public LatencyLog Latencies { get; } = new();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync($"/ui/live/orders/{orderId}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
            {
                if (item.EventType == "ready")
                {
                    _ready.TrySetResult();
                }
                else if (item.EventType == "order")
                {
                    Record(item.Data);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            _ready.TrySetException(ex);
            Latencies.Failed();
        }
    }

    private void Record(string json)
    {
        var received = clock.Now;
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.GetProperty("order").TryGetProperty("delivery", out var delivery)
            || !delivery.TryGetProperty("etaSequence", out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return;
        }

        var sequence = value.GetInt32();
        if (sequence <= _lastSequence)
        {
            return;
        }

        _lastSequence = sequence;
        if (clock.SentAt(orderId, sequence) is { } sent)
        {
            Latencies.Add(received - sent);
        }
    }
}
