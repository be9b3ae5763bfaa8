using Fulfillment.Messages;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Fulfillment.Messaging.Tests.Support;

/// <summary>
/// The sample service's consumer: records the event (sequence = first line's quantity), publishes an
/// inventory.reserved whose amount is that sequence, and fails where the test says so.
/// </summary>
public sealed partial class RecordingConsumer(SampleDbContext db, ConsumerBehavior behavior, ILogger<RecordingConsumer> logger)
    : IConsumer<EventEnvelope<OrderCreated>>
{
    public async Task Consume(ConsumeContext<EventEnvelope<OrderCreated>> context)
    {
        var envelope = context.Message;
        var attempt = behavior.Attempted(envelope.EventId);
        if (behavior.Failing.ContainsKey(envelope.EventId))
        {
            throw new InvalidOperationException($"Poison event {envelope.EventId}");
        }

        if (behavior.FailingFirst.TryGetValue(envelope.EventId, out var failing) && attempt <= failing)
        {
            throw new InvalidOperationException($"Transient failure {attempt} of {failing} for {envelope.EventId}");
        }

        if (behavior.UnavailableFirst.TryGetValue(envelope.EventId, out var unavailable) && attempt <= unavailable)
        {
            throw new TimeoutException($"Dependency unavailable, attempt {attempt} of {unavailable} for {envelope.EventId}");
        }

        var sequence = envelope.Payload.Items[0].Quantity;
        db.HandledEvents.Add(new HandledEvent { OrderId = envelope.OrderId, EventId = envelope.EventId, Sequence = sequence });
        LogRecorded(logger, envelope.OrderId, sequence);
        await context.Publish(new InventoryReserved(
            $"res-{envelope.EventId:N}", "WH-TEST", [new StockLine("SKU-1", sequence)], envelope.Payload.CustomerId,
            sequence, envelope.Payload.Currency, envelope.Payload.DeliveryAddress));

        if (behavior.FailingAfterPublish.ContainsKey(envelope.EventId))
        {
            throw new InvalidOperationException($"Failing after publishing, for {envelope.EventId}");
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "Recorded order {RecordedOrderId} sequence {Sequence}")]
    private static partial void LogRecorded(ILogger logger, string recordedOrderId, int sequence);
}
