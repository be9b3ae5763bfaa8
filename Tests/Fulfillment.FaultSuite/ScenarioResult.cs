namespace Fulfillment.FaultSuite;

/// <summary>
/// One scenario's row of docs/reliability.md. <c>RecoverySeconds</c>: from the repair (restart issued, broker up, errors
/// queued) until every order in flight at that moment was final; null when they were not final by the drain timeout.
/// </summary>
public sealed record ScenarioResult(
    string Name,
    string Fault,
    double Rate,
    int Sent,
    int Accepted,
    double? RecoverySeconds,
    int InFlightAtRepair,
    InvariantReport Invariants)
{
    public bool Passed => !Invariants.Violations().Any();
}
