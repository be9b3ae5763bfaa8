namespace Fulfillment.Chassis.Outbox;

/// <summary>
/// Where the relay's next read starts. A ready row below the ids the relay has already read is rare: a transaction
/// that committed late with a lower id, a row whose retry came due, a row held back behind it. But every row the relay
/// deleted stays in the primary key until vacuum removes it, and a long-running transaction anywhere in the database
/// (a report, a backup) keeps vacuum from doing so: a read from the bottom of the table then steps over all of them,
/// every time (measured: 270–340 ms per read over 800,000 such rows, against 3 ms from past them). So reads start past
/// the highest id read so far, and once per sweep interval a read starts from the bottom for those rare rows.
/// </summary>
internal sealed class ReadFloor(TimeSpan sweepInterval, TimeProvider clock)
{
    /// <summary>A floor below every id: the read sweeps the whole table.</summary>
    public const long Bottom = long.MinValue;

    private long _pastRead = Bottom;
    private DateTimeOffset? _sweptAt;

    /// <summary>The lowest id the next read looks at: <see cref="Bottom"/> when a sweep is due.</summary>
    public long Next() => _sweptAt is { } sweptAt && clock.GetUtcNow() - sweptAt < sweepInterval ? _pastRead : Bottom;

    /// <summary>Records a read from <paramref name="floor"/> that returned <paramref name="rows"/> (in id order).</summary>
    public void Record(long floor, IReadOnlyList<PendingOutboxRow> rows)
    {
        if (floor == Bottom)
        {
            _sweptAt = clock.GetUtcNow();
        }

        // The read returned the lowest ready ids at or above the floor: every ready row up to its last id is now read.
        if (rows.Count > 0 && rows[^1].Id >= _pastRead)
        {
            _pastRead = rows[^1].Id + 1;
        }
    }
}
