namespace Fulfillment.Sagas.Queries;

/// <summary>
/// The compensation of a cancelled, declined or failed order: each step it needs and when it was done, whether all are
/// done, and when the detector flagged it as overdue (null when it never was).
/// </summary>
public sealed record OrderSagaCompensation(IReadOnlyList<CompensationStep> Steps, bool Complete, DateTimeOffset? OverdueAt);
