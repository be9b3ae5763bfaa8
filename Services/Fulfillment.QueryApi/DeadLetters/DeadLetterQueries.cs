using System.Linq.Expressions;
using System.Text.Json;
using Fulfillment.QueryApi.Http;
using Fulfillment.QueryApi.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.QueryApi.DeadLetters;

/// <summary>Reads the recorded dead letters for the admin API.</summary>
public sealed class DeadLetterQueries(QueryDbContext db)
{
    /// <summary>An expression, so that the listing selects the summary's columns only, never the values and headers.</summary>
    private static readonly Expression<Func<DeadLetterRecord, DeadLetterSummary>> ToSummary = d => new DeadLetterSummary(
        d.Id, d.Topic, d.Partition, d.Offset, d.Key, d.EventType, d.OriginalTopic, d.ConsumerGroup, d.ExceptionType,
        d.Error, d.RetryCount, d.FailedAt, d.RecordedAt, d.ReplayedAt, d.ReplayCount);

    private static readonly Func<DeadLetterRecord, DeadLetterSummary> Summarize = ToSummary.Compile();

    public async Task<Page<DeadLetterSummary>> ListAsync(string? topic, PageRequest page, CancellationToken cancellationToken)
    {
        var letters = db.DeadLetters.AsNoTracking();
        if (topic is not null)
        {
            letters = letters.Where(d => d.Topic == topic);
        }

        var total = await letters.CountAsync(cancellationToken);
        var items = await letters
            .OrderByDescending(d => d.Id)
            .Skip(page.Skip)
            .Take(page.PageSize)
            .Select(ToSummary)
            .ToListAsync(cancellationToken);
        return new Page<DeadLetterSummary>(items, page.PageNumber, page.PageSize, total);
    }

    public async Task<DeadLetterDetails?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var d = await db.DeadLetters.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (d is null)
        {
            return null;
        }

        var json = ParseJson(d.ValueText);
        return new DeadLetterDetails(Summarize(d))
        {
            OriginalPartition = d.OriginalPartition,
            OriginalOffset = d.OriginalOffset,
            Headers = StoredHeaders.Deserialize(d.Headers),
            ValueJson = json,
            ValueText = json is null ? d.ValueText : null,
            ValueBase64 = d.Value is not null && d.ValueText is null ? Convert.ToBase64String(d.Value) : null,
        };
    }

    private static JsonElement? ParseJson(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
