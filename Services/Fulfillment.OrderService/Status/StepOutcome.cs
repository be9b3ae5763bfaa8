namespace Fulfillment.OrderService.Status;

/// <summary>What applying one step did to an order.</summary>
/// <param name="StatusBefore">The status the order had.</param>
/// <param name="StatusAfter">The status it has now (the same when the step only filled in a time, or changed nothing).</param>
/// <param name="Contradiction">
/// The step cannot follow the order's status in any history the contract allows (a delivery for a rejected order, a
/// declined payment for a confirmed one): nothing was changed.
/// </param>
/// <param name="BecameConfirmed">The order left PENDING for the confirmed path now: the one moment order.confirmed is due.</param>
public readonly record struct StepOutcome(string StatusBefore, string StatusAfter, bool Contradiction, bool BecameConfirmed)
{
    public bool StatusChanged => !string.Equals(StatusBefore, StatusAfter, StringComparison.Ordinal);
}
