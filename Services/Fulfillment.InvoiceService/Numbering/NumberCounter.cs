using Fulfillment.InvoiceService.Persistence;
using Fulfillment.Messaging.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Fulfillment.InvoiceService.Numbering;

/// <summary>
/// Hands out the numbers of one series (invoices, credit notes) for one unit of work, from the year's row of the
/// series' counter table, incremented in the unit of work's own transaction: the numbers commit with the documents
/// that use them or roll back with them, so none is lost, and the row stays locked until then, so no other
/// transaction (lane, instance) takes the same ones.
/// </summary>
/// <remarks>
/// <see cref="Invoices.InvoiceBatchPreparer"/> takes the whole batch's block in one statement, in order-id order; a
/// consumer asking for an order outside it (MassTransit's test harness has no preparer) takes one more. The database
/// refuses to commit a number taken and left unused (the deferred triggers of the migrations), so a mismatch between
/// what was taken and what was issued fails the unit of work rather than leaving a gap. Decision 0017 says why a
/// locked counter row, and what it costs.
/// </remarks>
public abstract class NumberCounter<TNumber>(InvoiceDbContext db, TimeProvider clock, ILogger logger, string series, string counterTable)
    where TNumber : struct
{
    // The first number of a year inserts its row; two first numbers at once meet on the primary key and the second
    // updates the row the first committed. The table name is the subclass's constant, never input.
    private readonly string _take = $$"""
        INSERT INTO {{counterTable}} (year, last_number) VALUES ({0}, {1})
        ON CONFLICT (year) DO UPDATE SET last_number = {{counterTable}}.last_number + EXCLUDED.last_number
        RETURNING last_number AS "Value"
        """;

    private readonly Dictionary<string, TNumber> _taken = new(StringComparer.Ordinal);
    private DateTimeOffset? _issuedAt;

    /// <summary>
    /// When this unit of work issues its documents of the series: read from the clock once, so that every one it issues
    /// is dated in the year its number belongs to, even across midnight on 31 December. In whole microseconds, what
    /// timestamptz keeps, so that the event and every later read of the document show the same instant.
    /// </summary>
    public DateTimeOffset IssuedAt => _issuedAt ??= clock.GetUtcNowMicroseconds();

    /// <summary>The year numbers are taken from: <see cref="IssuedAt"/>'s, in UTC.</summary>
    public int Year => IssuedAt.UtcDateTime.Year;

    /// <summary>Takes a number for each order that has none yet, in one statement, in ordinal order of the order ids.</summary>
    public async Task TakeAsync(IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var wanted = orderIds.Where(id => !_taken.ContainsKey(id)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (wanted.Length == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException(
                $"{series} numbers are taken inside the unit of work's transaction; outside one they would commit on their own and a failure would leave a gap.");
        }

        var year = Year;
        var count = wanted.Length;
        // Not composed (ToList), so EF sends the statement as written.
        var last = (await db.Database.SqlQueryRaw<int>(_take, year, count).ToListAsync(cancellationToken)).Single();
        for (var i = 0; i < count; i++)
        {
            _taken[wanted[i]] = Number(year, last - count + 1 + i);
        }

        Log.NumbersTaken(logger, series, last - count + 1, last, year, count);
    }

    /// <summary>The number taken for <paramref name="orderId"/>, taking one now if the batch preparer did not.</summary>
    public async Task<TNumber> ForOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        await TakeAsync([orderId], cancellationToken);
        return _taken[orderId];
    }

    protected abstract TNumber Number(int year, int sequence);
}
