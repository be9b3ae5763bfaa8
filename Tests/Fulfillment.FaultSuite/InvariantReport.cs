namespace Fulfillment.FaultSuite;

/// <summary>
/// The invariants after a scenario (issue #11, item 2), each the result of one query in <see cref="Invariants"/>: the
/// offending order ids or SKUs, empty when the invariant holds.
/// </summary>
public sealed record InvariantReport(
    int OrdersChecked,
    IReadOnlyList<string> NotFinal,
    IReadOnlyList<string> SagaDisagrees,
    IReadOnlyList<string> FactNotOnce,
    IReadOnlyList<string> StockMismatch,
    IReadOnlyList<string> PaymentTwice,
    IReadOnlyList<string> UnexpectedDeadLetters,
    IReadOnlyList<string> PoisonNotDeadLettered,
    IReadOnlyList<string> CompensationWrong,
    IReadOnlyList<string> CancelAnswerWrong)
{
    /// <summary>Accepted orders that did not reach a final state (missing in query-api included).</summary>
    public int Lost => NotFinal.Count;

    /// <summary>Orders with a fact more than once, or paid twice.</summary>
    public int Duplicated => FactNotOnce.Count + PaymentTwice.Count;

    public IEnumerable<string> Violations()
    {
        IEnumerable<string> Named(string what, IReadOnlyList<string> items) =>
            items.Count == 0 ? [] : [$"{what}: {items.Count} ({string.Join(", ", items.Take(5))}{(items.Count > 5 ? ", …" : "")})"];
        return [
            .. Named("not final", NotFinal), .. Named("saga disagrees with the read model", SagaDisagrees),
            .. Named("a fact not exactly once", FactNotOnce), .. Named("stock does not add up", StockMismatch),
            .. Named("paid twice", PaymentTwice), .. Named("dead letters that are not injected poison", UnexpectedDeadLetters),
            .. Named("poison not dead-lettered", PoisonNotDeadLettered),
            .. Named("compensation not exactly what the outcome asks", CompensationWrong),
            .. Named("a cancel answered wrongly", CancelAnswerWrong)];
    }
}
