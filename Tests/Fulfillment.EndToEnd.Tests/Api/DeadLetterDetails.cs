using System.Text.Json;

namespace Fulfillment.EndToEnd.Tests.Api;

/// <summary><c>GET /api/admin/dlq/{id}</c>: the record's headers and value as they were dead-lettered.</summary>
public sealed record DeadLetterDetails(
    long Id,
    string Topic,
    string? Key,
    string? OriginalTopic,
    string? ConsumerGroup,
    IReadOnlyList<DeadLetterHeader> Headers,
    JsonElement? ValueJson)
{
    public string? Header(string key) => Headers.LastOrDefault(h => h.Key == key)?.Value;
}
