using Npgsql;

namespace Fulfillment.LoadBenchmark;

/// <summary>Rows waiting in each service's transactional outbox (<c>SELECT count(*) FROM outbox_messages</c>).</summary>
public sealed class OutboxProbe(IReadOnlyDictionary<string, NpgsqlDataSource> databases)
{
    public async Task<Dictionary<string, long>> SampleAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (service, database) in databases)
        {
            try
            {
                await using var command = database.CreateCommand(
                    "SELECT CASE WHEN to_regclass('outbox_messages') IS NULL THEN -1 ELSE (SELECT count(*) FROM outbox_messages) END");
                counts[service] = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (NpgsqlException)
            {
                // A busy or restarting database is a gap in the table.
            }
        }

        return counts;
    }
}
