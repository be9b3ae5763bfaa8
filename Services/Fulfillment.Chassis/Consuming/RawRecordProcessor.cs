using MassTransit;
using MassTransit.RetryPolicies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fulfillment.Chassis.Consuming;

/// <summary>
/// Hands raw records to an <see cref="IRawRecordHandler"/> in one transaction per batch. Raw consumers read
/// dead-letter topics: there is nowhere further to dead-letter to, so after the bounded retries a record is logged
/// as lost to this consumer and the partition goes on (the record itself stays on its topic).
/// </summary>
internal sealed class RawRecordProcessor<THandler>(
    ConsumerGroupDefinition group,
    IServiceScopeFactory scopes,
    IOptions<RetryOptions> retry,
    TimeProvider clock,
    ILogger<RawRecordProcessor<THandler>> logger) : IRecordBatchProcessor
    where THandler : class, IRawRecordHandler
{
    private readonly IRetryPolicy _retryPolicy = Retry.Exponential(
        new RecordFailureFilter(), retry.Value.Limit, retry.Value.MinInterval, retry.Value.MaxInterval, retry.Value.IntervalDelta);

    public async Task ProcessAsync(IReadOnlyList<ConsumedRecord> batch, CancellationToken cancellationToken)
    {
        try
        {
            await HandleAsync(batch, cancellationToken);
            Complete(batch);
            return;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && batch.Count > 1)
        {
            ChassisLog.BatchFellBack(logger, ex, group.GroupId, batch.Count);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && batch.Count == 1)
        {
            ChassisLog.BatchFellBack(logger, ex, group.GroupId, 1);
        }

        foreach (var record in batch)
        {
            while (true)
            {
                try
                {
                    await _retryPolicy.Retry(() => HandleAsync([record], cancellationToken), cancellationToken);
                    break;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && FailureClassifier.IsInfrastructureFailure(ex))
                {
                    ChassisLog.InfrastructureUnavailable(logger, ex, record.ToString(), retry.Value.InfrastructureRetryInterval);
                    await Task.Delay(retry.Value.InfrastructureRetryInterval, clock, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    ChassisLog.RawRecordAbandoned(logger, ex, record.ToString(), group.GroupId);
                    break;
                }
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
