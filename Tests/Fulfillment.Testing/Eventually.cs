using System.Text.Json;

namespace Fulfillment.Testing;

/// <summary>
/// Polls until a condition holds or a deadline passes. The deadline bounds a failure; it asserts no timing (timing
/// belongs in benchmarks). A timeout fails the test with the last value seen.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private static readonly JsonSerializerOptions Describe = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Not reached within {limit}: {what ?? "(unnamed)"}. Last value seen:{Environment.NewLine}{Render(value)}");
            }

            await Task.Delay(Interval);
        }
    }

    private static string Render<T>(T value)
    {
        string text;
        try
        {
            text = value is null ? "null" : JsonSerializer.Serialize(value, Describe);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            // Not every value serializes (cycles, delegates): its own text is better than no message.
            text = value?.ToString() ?? "null";
        }

        return text.Length > 4000 ? text[..4000] + " ..." : text;
    }
}
