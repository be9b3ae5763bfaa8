namespace Fulfillment.Messaging.Outbox;

/// <summary>The outbox's size and the age of its oldest row, as last measured by the relay.</summary>
internal sealed class OutboxBacklog
{
    private long _rows;
    private long _oldestAgeMilliseconds;

    public long Rows => Interlocked.Read(ref _rows);

    public TimeSpan OldestAge => TimeSpan.FromMilliseconds(Interlocked.Read(ref _oldestAgeMilliseconds));

    internal void Update(long rows, TimeSpan oldestAge)
    {
        Interlocked.Exchange(ref _rows, rows);
        Interlocked.Exchange(ref _oldestAgeMilliseconds, (long)oldestAge.TotalMilliseconds);
    }
}
