namespace Fulfillment.EndToEnd.Tests.Api;

public sealed record SagaCompensationStep(string Name, DateTimeOffset? DoneAt);
