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

    /// <summary>The stock was released (the compensation of a failed payment); the state does not change for it.</summary>
    public const string Compensation = "compensation";

    /// <summary>The stalled-saga detector flagged the order: no progress for longer than the configured limit.</summary>
    public const string Stalled = "stalled";
}
