namespace Fulfillment.DeliveryService;

internal static class TimeProviderExtensions
{
    /// <summary>
    /// The current time cut to whole microseconds, the precision of timestamptz: times computed from it (ETAs, arrival
    /// times) are then the same in the events, in the database and after reading them back.
    /// </summary>
    public static DateTimeOffset GetUtcNowMicroseconds(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
