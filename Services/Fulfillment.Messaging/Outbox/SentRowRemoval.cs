using Fulfillment.Messaging.Telemetry;
using Npgsql;

namespace Fulfillment.Messaging.Outbox;

/// <summary>
/// Deletes acknowledged batches on a connection of its own, one batch at a time, while the drain reads the next batch
/// on the drain's connection. The ids being deleted stay listed in <see cref="Ids"/> until the delete has committed, so
/// that the drain keeps them out of its reads: a row is never read again once it was sent.
/// </summary>
internal sealed class SentRowRemoval(NpgsqlDataSource database, ChassisMetrics metrics) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private Task _deleting = Task.CompletedTask;
    private long[] _ids = [];

    /// <summary>The ids whose delete has not committed yet.</summary>
    public IReadOnlyCollection<long> Ids => _ids;

    /// <summary>Waits for the previous delete, then starts deleting <paramref name="ids"/>. Returns the rows the previous delete removed.</summary>
    public async Task<int> StartAsync(long[] ids, CancellationToken cancellationToken)
    {
        var removed = await CompleteAsync();
        _connection ??= await OpenAsync(cancellationToken);
        _ids = ids;
        _deleting = OutboxTable.DeleteAsync(_connection, null, ids, cancellationToken);
        return removed;
    }

    /// <summary>Waits for the delete under way, if any; returns the rows it removed. Throws if it failed.</summary>
    public async Task<int> CompleteAsync()
    {
        await _deleting;
        var removed = _ids.Length;
        _ids = [];
        _deleting = Task.CompletedTask;
        if (removed > 0)
        {
            metrics.OutboxPublished(removed);
        }

        return removed;
    }

    public async ValueTask DisposeAsync()
    {
        // A delete that failed or was cancelled leaves its rows behind: the next drain publishes them again.
        await _deleting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_connection is not null)
        {
            await OutboxTable.UseRelaySessionAsync(_connection, relay: false, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await _connection.DisposeAsync();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        await OutboxTable.UseRelaySessionAsync(connection, relay: true, cancellationToken);
        return connection;
    }
}
