using System.Threading.Channels;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// A queue worked by one task: every record of a key lands in the same lane, so one order's events are handled in
/// order while other lanes run in parallel. The lane takes what is queued, up to a batch, in one go.
/// </summary>
internal sealed class RecordLane(int capacity)
{
    private readonly Channel<ConsumedRecord> _queue = Channel.CreateBounded<ConsumedRecord>(
        new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Blocks the (dedicated) poll thread while the lane is full: back-pressure on the consumer.</summary>
    public void Enqueue(ConsumedRecord record, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(record))
        {
            _queue.Writer.WriteAsync(record, cancellationToken).AsTask().GetAwaiter().GetResult();
        }
    }

    public void Close() => _queue.Writer.TryComplete();

    public async Task RunAsync(
        int maxBatchSize, Func<IReadOnlyList<ConsumedRecord>, Task> process, CancellationToken stopping)
    {
        var batch = new List<ConsumedRecord>(maxBatchSize);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stopping))
            {
                while (batch.Count < maxBatchSize && reader.TryRead(out var record))
                {
                    batch.Add(record);
                }

                await process(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: what is still queued is not committed and is read again by the next owner.
        }
    }
}
