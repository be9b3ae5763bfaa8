using Fulfillment.Messages;

namespace Fulfillment.OrderService.Tests.Support;

public sealed record OutboxRow(string Topic, string MessageKey, string EventType, string CorrelationId, IEventEnvelope Envelope);
