using System.Globalization;
using System.Text;
using Fulfillment.Messaging.Consuming;
using Fulfillment.Messaging.Kafka;
using Fulfillment.QueryApi.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>
/// Records every record of the <c>dlq.*</c> topics in <c>dead_letters</c>, in the raw consumer host's transaction.
/// The record's position is unique, so a redelivered record is the same row (the insert does nothing).
/// </summary>
/// <remarks>
/// Everything the row needs comes from the record and its headers, and nothing here can fail on a strange record: the
/// value may be anything (that is often why it was dead-lettered), so it is kept as bytes, with a text form only when
/// it is text, and reason headers that do not parse are left null rather than refused.
/// </remarks>
public sealed class DeadLetterRecorder(QueryDbContext db, ILogger<DeadLetterRecorder> logger) : IRawRecordHandler
{
    private const string InsertSql = """
        INSERT INTO dead_letters
            (topic, partition, "offset", key, value, value_text, headers, event_type, original_topic, original_partition,
             original_offset, error, exception_type, retry_count, consumer_group, failed_at)
        VALUES
            (@topic, @partition, @offset, @key, @value, @value_text, @headers, @event_type, @original_topic, @original_partition,
             @original_offset, @error, @exception_type, @retry_count, @consumer_group, @failed_at)
        ON CONFLICT (topic, partition, "offset") DO NOTHING
        """;

    public async Task HandleAsync(RawRecord record, CancellationToken cancellationToken)
    {
        var header = LastHeaders(record.Headers);
        var originalTopic = header(RecordHeaders.OriginalTopic);
        var consumerGroup = header(RecordHeaders.ConsumerGroup);
        var error = header(RecordHeaders.Error);
        NpgsqlParameter[] parameters =
        [
            Parameter("topic", NpgsqlDbType.Text, record.Topic),
            Parameter("partition", NpgsqlDbType.Integer, record.Partition),
            Parameter("offset", NpgsqlDbType.Bigint, record.Offset),
            Parameter("key", NpgsqlDbType.Text, RecordText.Storable(record.Key)),
            Parameter("value", NpgsqlDbType.Bytea, record.Value),
            Parameter("value_text", NpgsqlDbType.Text, RecordText.TryDecode(record.Value)),
            Parameter("headers", NpgsqlDbType.Jsonb, StoredHeaders.Serialize([.. record.Headers.Select(h => RecordText.Encode(h.Key, h.Value))])),
            Parameter("event_type", NpgsqlDbType.Text, header(RecordHeaders.EventType)),
            Parameter("original_topic", NpgsqlDbType.Text, originalTopic),
            Parameter("original_partition", NpgsqlDbType.Integer, ParseInt(header(RecordHeaders.OriginalPartition))),
            Parameter("original_offset", NpgsqlDbType.Bigint, ParseLong(header(RecordHeaders.OriginalOffset))),
            Parameter("error", NpgsqlDbType.Text, error),
            Parameter("exception_type", NpgsqlDbType.Text, header(RecordHeaders.ExceptionType)),
            Parameter("retry_count", NpgsqlDbType.Integer, ParseInt(header(RecordHeaders.RetryCount))),
            Parameter("consumer_group", NpgsqlDbType.Text, consumerGroup),
            Parameter("failed_at", NpgsqlDbType.TimestampTz, ParseTimestamp(header(RecordHeaders.FailedAt))),
        ];

        if (await db.Database.ExecuteSqlRawAsync(InsertSql, parameters, cancellationToken) > 0)
        {
            Log.DeadLetterRecorded(logger, record.Topic, record.Partition, record.Offset, originalTopic, consumerGroup, error);
        }
    }

    /// <summary>The last value of each header as storable text (Kafka clients read the last one of a repeated name).</summary>
    private static Func<string, string?> LastHeaders(IReadOnlyList<KeyValuePair<string, byte[]>> headers) =>
        name =>
        {
            for (var i = headers.Count - 1; i >= 0; i--)
            {
                if (string.Equals(headers[i].Key, name, StringComparison.Ordinal))
                {
                    return headers[i].Value is { } bytes ? RecordText.Storable(Encoding.UTF8.GetString(bytes)) : null;
                }
            }

            return null;
        };

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? ParseLong(string? text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateTimeOffset? ParseTimestamp(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : null;

    private static NpgsqlParameter Parameter(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };
}
