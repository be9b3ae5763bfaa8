using Fulfillment.Messages;
using Fulfillment.Messaging.Telemetry;
using Fulfillment.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.Messaging.Outbox;

internal sealed class EventOutbox(DbContext db, OutboxBuffer buffer, ServiceIdentity service, TimeProvider clock) : IEventOutbox
{
    private const int SchemaVersion = 1;

    public EventEnvelope<TPayload> Add<TPayload>(string orderId, TPayload payload, string correlationId, string? causationId = null)
        where TPayload : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        ArgumentNullException.ThrowIfNull(payload);

        var descriptor = EventRegistry.For<TPayload>();
        var now = clock.GetUtcNow();
        var envelope = new EventEnvelope<TPayload>(
            Guid.CreateVersion7(now),
            descriptor.EventType,
            SchemaVersion,
            now,
            ProducedAt: null,
            orderId,
            correlationId,
            causationId,
            service.Name,
            payload);

        var row = new OutboxMessage
        {
            EventId = envelope.EventId,
            Topic = descriptor.Topic,
            MessageKey = orderId,
            EventType = descriptor.EventType,
            CorrelationId = correlationId,
            TraceParent = ChassisTelemetry.CurrentTraceParent(),
            Envelope = EnvelopeSerializer.Serialize(envelope),
            CreatedAt = now,
        };
        if (buffer.Active)
        {
            buffer.Add(row);
        }
        else
        {
            db.Set<OutboxMessage>().Add(row);
        }

        return envelope;
    }
}
