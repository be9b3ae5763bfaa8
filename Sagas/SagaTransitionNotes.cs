namespace Fulfillment.Sagas;

/// <summary>The <see cref="SagaTransition.Note"/> values: why an entry did not move the state.</summary>
public static class SagaTransitionNotes
{
    /// <summary>The event proves a state the saga is already in.</summary>
    public const string SameState = "same-state";

    /// <summary>The event proves an earlier state than the current one: it arrived late and does not move the state back.</summary>
    public const string Late = "late";

    /// <summary>The event proves progress, but the order has already failed: the failure stands (an anomaly upstream).</summary>
    public const string AfterFailure = "after-failure";

    /// <summary>A compensating step (stock released, payment refunded, invoice credited); the state does not change for it.</summary>
    public const string Compensation = "compensation";

    /// <summary>The customer asked to cancel; delivery-service's verdict decides whether it came in time (decision 0019).</summary>
    public const string CancelRequested = "cancel-requested";

    /// <summary>The detector flagged a cancelled or failed order whose compensation is not complete in time.</summary>
    public const string CompensationOverdue = "compensation-overdue";

    /// <summary>The stalled-saga detector flagged the order: no progress for longer than the configured limit.</summary>
    public const string Stalled = "stalled";
}
