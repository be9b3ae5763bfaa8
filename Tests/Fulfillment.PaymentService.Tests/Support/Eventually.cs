namespace Fulfillment.PaymentService.Tests.Support;

/// <summary>Polls until a condition holds or a deadline passes; the deadline is a failure bound, not a timing claim.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time: {what}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
