namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>The answer to a replay: where the record went back to, and the dead letter's replay bookkeeping.</summary>
public sealed record DeadLetterReplay(
    long Id,
    string Topic,
    int Partition,
    long Offset,
    DateTimeOffset ReplayedAt,
    int ReplayCount);
