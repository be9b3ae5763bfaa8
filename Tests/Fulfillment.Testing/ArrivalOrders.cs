using NUnit.Framework;

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

    /// <summary>
    /// Test cases of event types: every arrival order of <paramref name="events"/> with each of
    /// <paramref name="alternatives"/> in turn, named by the order (<c>order.created &gt; order.cancelled &gt; …</c>).
    /// </summary>
    public static IEnumerable<TestCaseData> Cases(IReadOnlyList<string> events, params IReadOnlyList<string> alternatives) =>
        from alternative in alternatives
        from order in Of<string>([.. events, alternative])
        select new TestCaseData(order).SetArgDisplayNames(string.Join(" > ", order));
}
