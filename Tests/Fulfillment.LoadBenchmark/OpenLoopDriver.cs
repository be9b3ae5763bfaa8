using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// Sends POST /api/orders open loop: request i is due at start + i / rate whatever happened to the earlier ones, and
/// its latency counts from that due time, so a slow server cannot slow the clock down (no coordinated omission).
/// At most <see cref="LoadOptions.MaxInFlight"/> requests are in flight; past that the schedule waits, and the
/// requests it delays carry the wait in their latency and in <see cref="RequestOutcome.SendDelayMs"/>.
/// </summary>
public sealed class OpenLoopDriver(HttpClient orders, OrderBodyFactory bodies, OrderTracker tracker, LoadOptions options)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private long _nextIndex;

    /// <summary>Runs for <paramref name="total"/> at <paramref name="rate"/>; requests due before <paramref name="countedFrom"/> are warm-up.</summary>
    public async Task<IReadOnlyList<RequestOutcome>> RunAsync(double rate, TimeSpan total, TimeSpan countedFrom, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(options.MaxInFlight);
        var count = (long)Math.Round(rate * total.TotalSeconds);
        var sends = new List<Task<RequestOutcome>>((int)count);
        var firstIndex = _nextIndex;
        var clock = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        long sent = 0;
        while (sent < count && !cancellationToken.IsCancellationRequested)
        {
            var due = Math.Min(count, (long)(clock.Elapsed.TotalSeconds * rate) + 1);
            while (sent < due)
            {
                var offset = TimeSpan.FromSeconds(sent / rate);
                await gate.WaitAsync(cancellationToken);
                sends.Add(SendAsync(firstIndex + sent, startedAt + offset, offset, offset >= countedFrom, clock, gate, cancellationToken));
                sent++;
            }

            var next = TimeSpan.FromSeconds(sent / rate) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : next, cancellationToken);
            }
        }

        _nextIndex = firstIndex + sent;
        return await Task.WhenAll(sends);
    }

    private async Task<RequestOutcome> SendAsync(
        long index, DateTimeOffset scheduledAt, TimeSpan offset, bool counted, Stopwatch clock, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var sendDelay = (clock.Elapsed - offset).TotalMilliseconds;
        try
        {
            using var content = new ByteArrayContent(bodies.Create(index));
            content.Headers.ContentType = Json;
            using var response = await orders.PostAsync(new Uri("/api/orders", UriKind.Relative), content, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var latency = (clock.Elapsed - offset).TotalMilliseconds;
            string? orderId = null;
            if (response.IsSuccessStatusCode)
            {
                orderId = ReadOrderId(body);
                if (orderId is not null)
                {
                    tracker.Accepted(orderId);
                }
            }

            return new RequestOutcome(index, scheduledAt, counted, (int)response.StatusCode, latency, sendDelay, orderId, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new RequestOutcome(index, scheduledAt, counted, 0, (clock.Elapsed - offset).TotalMilliseconds, sendDelay, null, ex.GetType().Name + ": " + ex.Message);
        }
        finally
        {
            gate.Release();
        }
    }

    private static string? ReadOrderId(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("orderId", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
