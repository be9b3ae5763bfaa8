namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>What became of a replay request: done, no such dead letter, or one that cannot go back.</summary>
public sealed record ReplayOutcome(DeadLetterReplay? Replay, string? Refusal)
{
    public static ReplayOutcome NotFound { get; } = new(null, null);

    public static ReplayOutcome Replayed(DeadLetterReplay replay) => new(replay, null);

    public static ReplayOutcome NotReplayable(string reason) => new(null, reason);
}
