using Fulfillment.Messages;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// Runs once per unit of work of a consumer group, inside its transaction, after the inbox claim and before the first
/// of its events is dispatched: the place to take every row lock the batch will need in one canonical order (so two
/// batches can never wait on each other in opposite orders) and to load in one query what the consumers would
/// otherwise look up one event at a time.
/// </summary>
/// <remarks>
/// Resolved from the unit of work's scope, so it shares the consumers' DbContext and scoped caches. The batch holds the
/// events to handle only (duplicates are already gone), in the order they will be dispatched. A batch that falls back to
/// one event per transaction is prepared again for each. Outside the consumer host (MassTransit's test harness)
/// nothing calls it: the consumers must still be correct without it, only slower.
/// </remarks>
public interface IBatchPreparer
{
    Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken);
}
