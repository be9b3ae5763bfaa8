namespace Fulfillment.EndToEnd.Tests.Api;

public sealed record SagaTransition(string? From, string To, string EventType, Guid? EventId, string? Note);
