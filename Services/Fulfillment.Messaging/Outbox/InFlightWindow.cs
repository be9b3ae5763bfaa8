namespace Fulfillment.Messaging.Outbox;

/// <summary>
/// The ids in flight, described for the read that skips them: the range [<see cref="Low"/>, <see cref="High"/>] they
/// span and the <see cref="Gaps"/> in that range that are not in flight.
/// </summary>
internal sealed record InFlightWindow(long Low, long High, long[] Gaps)
{
    /// <summary>Nothing in flight: everything lies below the range.</summary>
    public static readonly InFlightWindow Empty = new(long.MaxValue, long.MaxValue, []);

    /// <summary>The window of <paramref name="ids"/>, or null when the range has more than <paramref name="maxGaps"/> gaps.</summary>
    public static InFlightWindow? Of(IReadOnlyCollection<long> ids, int maxGaps)
    {
        if (ids.Count == 0)
        {
            return Empty;
        }

        var low = ids.Min();
        var high = ids.Max();
        if (high - low + 1 - ids.Count > maxGaps)
        {
            return null;
        }

        var inFlight = ids.ToHashSet();
        var gaps = new List<long>();
        for (var id = low + 1; id < high; id++)
        {
            if (!inFlight.Contains(id))
            {
                gaps.Add(id);
            }
        }

        return new InFlightWindow(low, high, [.. gaps]);
    }
}
