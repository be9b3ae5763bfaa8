namespace Fulfillment.Testing;

/// <summary>
/// Polls until a condition holds or a deadline passes. The deadline bounds a failure; it asserts no timing (timing
/// belongs in benchmarks).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time: {what ?? "(unnamed)"}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The same, with the description first (reads better where the condition is long).</summary>
    public static Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string description, TimeSpan? timeout = null) =>
        ReturnsAsync(probe, done, timeout, description);
}
