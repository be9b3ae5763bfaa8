using System.Collections.Concurrent;
using Fulfillment.Messages;
using Npgsql;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// Which accepted orders have reached their end in query-api's read model: <c>delivery.assigned</c>, or an end without
/// a driver (<c>inventory.rejected</c>, <c>payment.failed</c>, <c>delivery.cancelled</c>, <c>delivery.failed</c>). It asks the read model's database about the orders still open
/// only, so a poll costs in proportion to the backlog, not to the run.
/// </summary>
public sealed class OrderTracker(NpgsqlDataSource queryDatabase)
{
    private const int PollBatch = 5000;
    private const string FinishedSql = """
        SELECT order_id, event_type FROM order_timeline
        WHERE order_id = ANY(@ids)
          AND event_type IN ('delivery.assigned', 'inventory.rejected', 'payment.failed', 'delivery.cancelled', 'delivery.failed')
        """;

    private readonly ConcurrentDictionary<string, byte> _open = new(StringComparer.Ordinal);
    private long _accepted;
    private long _assigned;
    private long _rejected;

    public long AcceptedCount => Interlocked.Read(ref _accepted);

    public long AssignedCount => Interlocked.Read(ref _assigned);

    public long RejectedCount => Interlocked.Read(ref _rejected);

    /// <summary>Accepted orders with neither delivery.assigned nor an end without a driver visible yet.</summary>
    public long Outstanding => _open.Count;

    /// <summary>The accepted orders still open right now (the fault suite's "in flight" at a restart).</summary>
    public IReadOnlyList<string> OpenOrders() => [.. _open.Keys];

    public bool IsOpen(string orderId) => _open.ContainsKey(orderId);

    public void Accepted(string orderId)
    {
        if (_open.TryAdd(orderId, 0))
        {
            Interlocked.Increment(ref _accepted);
        }
    }

    public async Task PollAsync(CancellationToken cancellationToken)
    {
        var open = _open.Keys.ToArray();
        for (var start = 0; start < open.Length; start += PollBatch)
        {
            await using var command = queryDatabase.CreateCommand(FinishedSql);
            command.Parameters.AddWithValue("ids", open[start..Math.Min(open.Length, start + PollBatch)]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (_open.TryRemove(reader.GetString(0), out _))
                {
                    Interlocked.Increment(ref reader.GetString(1) == EventTypes.DeliveryAssigned ? ref _assigned : ref _rejected);
                }
            }
        }
    }
}
