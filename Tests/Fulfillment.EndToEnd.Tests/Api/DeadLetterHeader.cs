namespace Fulfillment.EndToEnd.Tests.Api;

public sealed record DeadLetterHeader(string Key, string? Value);
