namespace Fulfillment.Messaging.Persistence;

/// <summary>
/// PostgreSQL's <c>timestamptz</c> keeps whole microseconds: a time cut to that precision is the same in memory, in
/// the events written with it and after a database round trip.
/// </summary>
public static class Timestamps
{
    public static DateTimeOffset ToMicroseconds(this DateTimeOffset instant) =>
        instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerMicrosecond));

    public static DateTimeOffset GetUtcNowMicroseconds(this TimeProvider clock) => clock.GetUtcNow().ToMicroseconds();
}
