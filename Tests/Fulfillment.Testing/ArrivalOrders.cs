namespace Fulfillment.Testing;

/// <summary>
/// Every order in which a set of events can arrive: events of one order come on several topics, and nothing orders
/// them across topics, so a consumer must give the same outcome for each of these.
/// </summary>
public static class ArrivalOrders
{
    /// <summary>All the permutations of <paramref name="items"/> (n! of them, in a fixed order).</summary>
    public static IEnumerable<IReadOnlyList<T>> Of<T>(IReadOnlyList<T> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((first, i) => Of<T>([.. items.Where((_, j) => j != i)]).Select(rest => (IReadOnlyList<T>)[first, .. rest]));
}
