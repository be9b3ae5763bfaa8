using System.Text;
using Confluent.Kafka;

namespace Fulfillment.Messaging.Kafka;

public static class KafkaHeaderExtensions
{
    public static void AddUtf8(this Headers headers, string key, string value) =>
        headers.Add(key, Encoding.UTF8.GetBytes(value));

    /// <summary>The last value of a header as UTF-8 text, or null when absent.</summary>
    public static string? GetUtf8(this Headers? headers, string key) =>
        headers is not null && headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
