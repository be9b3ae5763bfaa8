namespace Fulfillment.Messaging.Consuming;

/// <summary>What a consumer host hands its lanes' batches to; returns when every record of the batch is done.</summary>
internal interface IRecordBatchProcessor
{
    Task ProcessAsync(IReadOnlyList<ConsumedRecord> batch, CancellationToken cancellationToken);
}
