using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// Hands raw records to an <see cref="IRawRecordHandler"/> in one transaction per batch. Raw consumers read
/// dead-letter topics: there is nowhere further to dead-letter to, so after the bounded retries a record is logged
/// as lost to this consumer and the partition goes on (the record itself stays on its topic).
/// </summary>
internal sealed class RawRecordProcessor<THandler>(
    ConsumerGroupDefinition group,
    IServiceScopeFactory scopes,
    RecordRetry retry,
    ILogger<RawRecordProcessor<THandler>> logger) : IRecordBatchProcessor
    where THandler : class, IRawRecordHandler
{
    public async Task ProcessAsync(IReadOnlyList<ConsumedRecord> batch, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(batch, cancellationToken);
            Complete(batch);
            return;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ChassisLog.BatchFellBack(logger, ex, group.GroupId, batch.Count);
        }

        foreach (var record in batch)
        {
            if (await retry.RunAsync(() => HandleAsync([record], cancellationToken), record.ToString(), cancellationToken) is { } failure)
            {
                ChassisLog.RawRecordAbandoned(logger, failure, record.ToString(), group.GroupId);
            }

            record.Complete();
        }
    }

    private async Task HandleAsync(IReadOnlyList<ConsumedRecord> records, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<THandler>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var record in records)
        {
            await handler.HandleAsync(ToRaw(record), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void Complete(IReadOnlyList<ConsumedRecord> batch)
    {
        foreach (var record in batch)
        {
            record.Complete();
        }
    }

    private static RawRecord ToRaw(ConsumedRecord record)
    {
        var message = record.Result.Message;
        var headers = message.Headers?.Select(h => new KeyValuePair<string, byte[]>(h.Key, h.GetValueBytes())).ToList() ?? [];
        return new RawRecord(
            record.Topic,
            record.Result.Partition.Value,
            record.Result.Offset.Value,
            message.Key,
            message.Value,
            headers,
            message.Timestamp.UtcDateTime);
    }
}
