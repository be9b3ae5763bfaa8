namespace Fulfillment.Sagas;

/// <summary>One entry of a saga's history: an event (or the stalled-saga detector) and what it did to the state.</summary>
/// <param name="From">The state before; null when the event created the saga.</param>
/// <param name="To">The state after; equal to <paramref name="From"/> when the event did not move the state.</param>
/// <param name="EventType">The contract event type, <see cref="StalledEventType"/> or <see cref="CompensationOverdueEventType"/>.</param>
/// <param name="EventId">The event's id (the dedup key); null for the detector's entries.</param>
/// <param name="At">When the saga recorded it.</param>
/// <param name="OccurredAt">When the fact happened, as the producer said; null for the detector's entries.</param>
/// <param name="Note">Why the state did not move (see <see cref="SagaTransitionNotes"/>); null when it did.</param>
public sealed record SagaTransition(
    string? From,
    string To,
    string EventType,
    Guid? EventId,
    DateTimeOffset At,
    DateTimeOffset? OccurredAt,
    string? Note)
{
    /// <summary>The event type of the history entries the stalled-saga detector writes.</summary>
    public const string StalledEventType = "saga.stalled";

    /// <summary>The event type of the detector's entry for a compensation not complete in time.</summary>
    public const string CompensationOverdueEventType = "saga.compensation-overdue";
}
