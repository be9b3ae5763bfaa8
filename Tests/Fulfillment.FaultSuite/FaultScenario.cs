namespace Fulfillment.FaultSuite;

/// <summary>
/// One fault: <c>Inject</c> breaks something, waits out the outage and starts the repair; it returns the moment the
/// repair began (restart issued, broker up), from which recovery is measured.
/// </summary>
public sealed record FaultScenario(string Name, string Fault, Func<FaultContext, CancellationToken, Task<DateTimeOffset>> Inject)
{
    public override string ToString() => Name;
}
