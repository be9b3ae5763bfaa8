using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>
/// <c>GET /api/admin/dlq/{id}</c>: the summary of the listing, and the record as it was. The value is shown as JSON
/// when it parses, else as text when it is text, else as base64; exactly one of the three is set when the record has a
/// value.
/// </summary>
public sealed record DeadLetterDetails : DeadLetterSummary
{
    // System.Text.Json writes a derived type's own properties first; the summary reads better first.
    private const int AfterSummary = 1;

    // Not a positional parameter: that would add the summary again as a nested "summary" property.
    public DeadLetterDetails(DeadLetterSummary summary)
        : base(summary)
    {
    }

    [JsonPropertyOrder(AfterSummary)]
    public int? OriginalPartition { get; init; }

    [JsonPropertyOrder(AfterSummary)]
    public long? OriginalOffset { get; init; }

    [JsonPropertyOrder(AfterSummary)]
    public required IReadOnlyList<StoredHeader> Headers { get; init; }

    [JsonPropertyOrder(AfterSummary)]
    public JsonElement? ValueJson { get; init; }

    [JsonPropertyOrder(AfterSummary)]
    public string? ValueText { get; init; }

    [JsonPropertyOrder(AfterSummary)]
    public string? ValueBase64 { get; init; }
}
