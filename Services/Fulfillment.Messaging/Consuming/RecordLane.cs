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

    public bool TryEnqueue(ConsumedRecord record) => _queue.Writer.TryWrite(record);

    /// <summary>
    /// Blocks the (dedicated) poll thread for at most <paramref name="patience"/> while the lane is full: a lane that
    /// is only busy frees a place well within it; one that stays full has its records parked instead.
    /// </summary>
    public bool TryEnqueue(ConsumedRecord record, TimeSpan patience, CancellationToken cancellationToken)
    {
        if (_queue.Writer.TryWrite(record))
        {
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        try
        {
            _queue.Writer.WriteAsync(record, timeout.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
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
