using Fulfillment.Messages;

namespace Fulfillment.Sagas;

/// <summary>The saga's rules, free of MassTransit: what one event does to an order's saga.</summary>
internal static class OrderLifecycle
{
    /// <summary>
    /// Applies an event that proves the order reached at least the state <c>proves</c>, and returns the state to move
    /// to, or null when the state stays.
    /// </summary>
    /// <remarks>
    /// <c>recordFacts</c> copies the event's facts (milestones, ETA) into the saga and says whether something changed.
    /// <c>historyOnTransitionOnly</c> is for frequent events whose only effect is idempotent by itself (the ETA and its
    /// sequence): they enter the history only when they move the state, so a periodic stream does not grow it without bound.
    /// <c>noteWhenKept</c> replaces the computed note when the event does not move the state.
    /// </remarks>
    public static string? Apply(
        OrderState saga,
        IEventEnvelope envelope,
        string proves,
        Func<OrderState, bool> recordFacts,
        DateTimeOffset now,
        bool historyOnTransitionOnly = false,
        string? noteWhenKept = null)
    {
        if (IsDuplicate(saga, envelope.EventId))
        {
            return null;
        }

        var current = OrderSagaStatus.IsLifecycleState(saga.CurrentState) ? saga.CurrentState : null;
        var target = OrderSagaStatus.Rank(proves) > OrderSagaStatus.Rank(current) ? proves : current!;
        var moves = !string.Equals(target, current, StringComparison.Ordinal);
        var factsChanged = recordFacts(saga);

        if (moves || !historyOnTransitionOnly)
        {
            saga.History.Add(new SagaTransition(
                current, target, envelope.EventType, envelope.EventId, now, envelope.OccurredAt, moves ? null : noteWhenKept ?? NoteFor(current!, proves)));
        }
        else if (!factsChanged)
        {
            return null;
        }

        saga.UpdatedAt = now;
        if (!moves)
        {
            return null;
        }

        saga.StateEnteredAt = now;
        saga.Stalled = false;
        saga.StalledAt = null;
        return target;
    }

    /// <summary>The earlier of two timestamps, so that a milestone does not depend on which duplicate came first.</summary>
    public static DateTimeOffset? Earliest(DateTimeOffset? current, DateTimeOffset candidate) =>
        current is null || candidate < current ? candidate : current;

    private static bool IsDuplicate(OrderState saga, Guid eventId)
    {
        foreach (var entry in saga.History)
        {
            if (entry.EventId == eventId)
            {
                return true;
            }
        }

        return false;
    }

    private static string NoteFor(string current, string proves)
    {
        if (string.Equals(current, proves, StringComparison.Ordinal))
        {
            return SagaTransitionNotes.SameState;
        }

        return OrderSagaStatus.RulesOut(current, proves) ? SagaTransitionNotes.AfterFailure : SagaTransitionNotes.Late;
    }
}
