using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NUnit.Framework;

namespace Fulfillment.EndToEnd.Tests.Support;

/// <summary>
/// Polls until a condition holds or a deadline passes. The deadline is a bound for a slow, loaded machine, not a
/// timing claim: a pass says the state was reached, a timeout fails the test with the last value seen.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private static readonly JsonSerializerOptions Describe = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<T> MatchesAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (watch.Elapsed > limit)
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"Not reached within {limit.TotalSeconds:F0} s: {what}. Last value seen:{Environment.NewLine}{Render(value)}"));
            }

            await Task.Delay(Interval);
        }
    }

    private static string Render<T>(T value)
    {
        var text = value is null ? "null" : JsonSerializer.Serialize(value, Describe);
        return text.Length > 4000 ? text[..4000] + " ..." : text;
    }
}
