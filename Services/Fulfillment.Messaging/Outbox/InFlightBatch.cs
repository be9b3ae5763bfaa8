namespace Fulfillment.Messaging.Outbox;

/// <summary>Rows handed to the producer and not yet removed from the outbox.</summary>
internal sealed class InFlightBatch
{
    private InFlightBatch(IReadOnlyList<PendingOutboxRow> rows, Task<Task<DeliveryOutcome>> handing)
    {
        Rows = rows;
        Ids = rows.Select(r => r.Id).ToArray();
        Handed = handing;
        Deliveries = handing.Unwrap();
    }

    /// <summary>The rows, oldest first.</summary>
    public IReadOnlyList<PendingOutboxRow> Rows { get; }

    public long[] Ids { get; }

    /// <summary>Completes when every row has been handed to the producer.</summary>
    public Task Handed { get; }

    /// <summary>Completes when Kafka has settled every row.</summary>
    public Task<DeliveryOutcome> Deliveries { get; }

    /// <summary>
    /// Hands the rows to <paramref name="produce"/> on the thread pool once <paramref name="previous"/>'s rows are
    /// handed, so records keep their order while the caller goes on (reading the next batch).
    /// </summary>
    public static InFlightBatch Start(
        IReadOnlyList<PendingOutboxRow> rows, InFlightBatch? previous, Func<IReadOnlyList<PendingOutboxRow>, Task<DeliveryOutcome>> produce) =>
        new(rows, (previous?.Handed ?? Task.CompletedTask).ContinueWith(
            _ => produce(rows), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default));
}
