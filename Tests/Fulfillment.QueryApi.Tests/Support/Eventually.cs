namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>Polls until a condition holds or a deadline passes; the deadline bounds a failure, it asserts no timing.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? DefaultPatience);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not met in time: {what}; last value: {value}");
            }

            await Task.Delay(100);
        }
    }
}
