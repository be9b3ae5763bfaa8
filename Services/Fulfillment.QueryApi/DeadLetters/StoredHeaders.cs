using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>The JSON form of <c>dead_letters.headers</c>: an array of <see cref="StoredHeader"/> in record order.</summary>
internal static class StoredHeaders
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(IReadOnlyList<StoredHeader> headers) => JsonSerializer.Serialize(headers, Options);

    public static IReadOnlyList<StoredHeader> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<StoredHeader>>(json, Options) ?? [];
}
