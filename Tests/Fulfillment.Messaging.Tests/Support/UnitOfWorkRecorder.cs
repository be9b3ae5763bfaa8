using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;

namespace Fulfillment.Messaging.Tests.Support;

/// <summary>A batch preparer that only counts: the host runs it once per unit of work with all of its events.</summary>
public sealed class UnitOfWorkRecorder(UnitsOfWork units) : IBatchPreparer
{
    public Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken)
    {
        units.Sizes.Enqueue(batch.Count);
        return Task.CompletedTask;
    }
}
