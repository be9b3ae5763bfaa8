using Fulfillment.Messaging.Hosting;
using Fulfillment.Messaging.Inbox;
using Fulfillment.Messaging.Outbox;
using Fulfillment.Messaging.Persistence;
using Fulfillment.Messaging.Telemetry;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fulfillment.Messaging.Consuming;

/// <summary>
/// Handles a lane's batch: inbox claim, dispatch through the mediator, state change and outbox rows, all in one
/// transaction. A batch that fails is replayed record by record, each under the bounded retry policy, and a record that
/// still fails goes to the dead-letter topic. Returns only when every record is done: handled, skipped as a
/// duplicate, or dead-lettered.
/// </summary>
internal sealed class RecordProcessor : IRecordBatchProcessor
{
    private readonly ConsumerGroupDefinition _group;
    private readonly IServiceScopeFactory _scopes;
    private readonly DeadLetterPublisher _deadLetters;
    private readonly RecordRetry _retry;
    private readonly ChassisMetrics _metrics;
    private readonly ILogger _logger;
    private readonly IPipe<SendContext> _stampGroup;
    private readonly OutboxSignal _outboxSignal;

    public RecordProcessor(
        ConsumerGroupDefinition group,
        IServiceScopeFactory scopes,
        DeadLetterPublisher deadLetters,
        RecordRetry retry,
        ChassisMetrics metrics,
        OutboxSignal outboxSignal,
        ILogger<RecordProcessor> logger)
    {
        _outboxSignal = outboxSignal;
        _group = group;
        _scopes = scopes;
        _deadLetters = deadLetters;
        _retry = retry;
        _metrics = metrics;
        _logger = logger;
        _stampGroup = Pipe.Execute<SendContext>(context => context.Headers.Set(ConsumerGroupGates.Header, group.GroupId));
    }

    public async Task ProcessAsync(IReadOnlyList<ConsumedRecord> batch, CancellationToken cancellationToken)
    {
        var readable = new List<ConsumedRecord>(batch.Count);
        foreach (var record in batch)
        {
            if (!record.Read.Succeeded)
            {
                // Unreadable records can never succeed: no retry, straight to the dead-letter topic.
                await DeadLetterAsync(record, new DeadLetterReason(record.Read.Reason, $"EnvelopeReadError.{record.Read.Error}", 0), cancellationToken);
            }
            else if (!_group.HandledMessageTypes.Contains(record.Envelope.GetType()))
            {
                // The topic carries events this group has no consumer for: nothing to do, nothing to remember.
                record.Complete();
            }
            else
            {
                readable.Add(record);
            }
        }

        if (readable.Count > 1 && await TryHandleBatchAsync(readable, cancellationToken))
        {
            return;
        }

        foreach (var record in readable)
        {
            await HandleWithRetryAsync(record, cancellationToken);
        }
    }

    private async Task<bool> TryHandleBatchAsync(List<ConsumedRecord> records, CancellationToken cancellationToken)
    {
        try
        {
            await HandleInTransactionAsync(records, cancellationToken);
            foreach (var record in records)
            {
                record.Complete();
            }

            _metrics.RecordsHandled(_group.GroupId, records);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ChassisLog.BatchFellBack(_logger, ex, _group.GroupId, records.Count);
            return false;
        }
    }

    private async Task HandleWithRetryAsync(ConsumedRecord record, CancellationToken cancellationToken)
    {
        var failure = await _retry.RunAsync(() => HandleInTransactionAsync([record], cancellationToken), record.ToString(), cancellationToken);
        if (failure is null)
        {
            record.Complete();
            _metrics.RecordsHandled(_group.GroupId, [record]);
            return;
        }

        _metrics.RecordFailed(_group.GroupId);
        using (_logger.BeginScope(record.LogScope()))
        {
            ChassisLog.RecordFailed(_logger, failure, record.ToString(), record.Attempts);
        }

        await DeadLetterAsync(record, DeadLetterReason.From(failure, record.Attempts - 1), cancellationToken);
    }

    private async Task HandleInTransactionAsync(List<ConsumedRecord> records, CancellationToken cancellationToken)
    {
        // A record handled alone has the whole unit of work in its trace (inbox claim, its SQL, outbox rows, commit);
        // in a batch, which many traces share, each record's span covers its own dispatch.
        using var unitTrace = records.Count == 1 ? ChassisTelemetry.StartConsume(records[0], _group.GroupId) : default;
        await using var scope = _scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DbContext>();
        var consumed = services.GetRequiredService<ConsumedEventContext>();
        var mediator = services.GetRequiredService<IScopedMediator>();
        var outbox = services.GetRequiredService<OutboxBuffer>();
        outbox.Active = true;

        await using var transaction = await db.Database.BeginUnitOfWorkAsync(cancellationToken);
        var fresh = await InboxStore.ClaimAsync(db, _group.GroupId, [.. records.Select(r => r.Envelope.EventId)], cancellationToken);
        var toHandle = new List<ConsumedRecord>(records.Count);
        foreach (var record in records)
        {
            if (fresh.Remove(record.Envelope.EventId))
            {
                toHandle.Add(record);
            }
            else
            {
                ChassisLog.DuplicateSkipped(_logger, record.Envelope.EventId, record.Envelope.EventType, _group.GroupId);
            }
        }

        if (_group.BatchPreparer is { } preparerType && toHandle.Count > 0)
        {
            var preparer = (IBatchPreparer)services.GetRequiredService(preparerType);
            await preparer.PrepareAsync([.. toHandle.Select(r => r.Envelope)], cancellationToken);
        }

        foreach (var record in toHandle)
        {
            var envelope = record.Envelope;
            consumed.Current = envelope;
            record.CountAttempt();
            using var activity = records.Count > 1 ? ChassisTelemetry.StartConsume(record, _group.GroupId) : default;
            using (_logger.BeginScope(record.LogScope()))
            {
                await mediator.Send(envelope, envelope.GetType(), _stampGroup, cancellationToken);
            }
        }

        consumed.Current = null;
        await db.SaveChangesAsync(cancellationToken);
        var published = await OutboxWriter.InsertAsync(db, outbox.Drain(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (published > 0)
        {
            _outboxSignal.Notify();
        }
    }

    private async Task DeadLetterAsync(ConsumedRecord record, DeadLetterReason reason, CancellationToken cancellationToken)
    {
        await _deadLetters.SendAsync(record, _group.GroupId, reason, cancellationToken);
        record.Complete();
        _metrics.RecordDeadLettered(_group.GroupId, record.Topic);
    }
}
