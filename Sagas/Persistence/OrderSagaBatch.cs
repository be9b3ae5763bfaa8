using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.Messaging.Consuming;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Fulfillment.Sagas.Persistence;

/// <summary>
/// The sagas one unit of work has seen: loaded for the whole batch in one query before its first event is dispatched
/// (the consumer host's batch preparer), then kept in step with every write, so a batch of events costs one read plus
/// the writes that change something, and a second event of the same order in the batch sees the first one's state.
/// </summary>
/// <remarks>
/// Scoped: one per unit of work. MassTransit's test harness runs no preparer: the map then fills one saga at a time.
/// </remarks>
internal sealed class OrderSagaBatch(DbContext db) : IBatchPreparer
{
    private const string SelectBatchSql = $"SELECT {OrderSagaTable.Columns} FROM order_sagas WHERE correlation_id = ANY(@ids)";

    // null: known not to exist when the batch began (nothing else of this order in the batch wrote it since).
    private readonly Dictionary<Guid, OrderState?> _sagas = [];

    // What the database holds for each saga: an event that changes nothing (a duplicate, a repeated ETA) then costs
    // no write and no version.
    private readonly Dictionary<Guid, string> _persisted = [];

    public async Task PrepareAsync(IReadOnlyList<IEventEnvelope> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(envelope => OrderSagaId.From(envelope.OrderId)).Where(id => !_sagas.ContainsKey(id)).Distinct().ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await using var command = new NpgsqlCommand(SelectBatchSql, connection, transaction);
        command.Parameters.AddWithValue("ids", ids);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                Persisted(OrderSagaTable.Read(reader));
            }
        }

        foreach (var id in ids)
        {
            _sagas.TryAdd(id, null);
        }
    }

    /// <summary>True when this unit of work already knows the saga: <paramref name="saga"/> is it, or null if there is none.</summary>
    public bool TryGet(Guid correlationId, out OrderState? saga) => _sagas.TryGetValue(correlationId, out saga);

    public bool IsUnchanged(OrderState saga) =>
        _persisted.TryGetValue(saga.CorrelationId, out var persisted) && persisted == Snapshot(saga);

    /// <summary>The saga as the database now holds it (read, inserted or updated in this transaction).</summary>
    public void Persisted(OrderState saga)
    {
        _sagas[saga.CorrelationId] = saga;
        _persisted[saga.CorrelationId] = Snapshot(saga);
    }

    public void Deleted(Guid correlationId)
    {
        _sagas[correlationId] = null;
        _persisted.Remove(correlationId);
    }

    private static string Snapshot(OrderState saga) => JsonSerializer.Serialize(saga);
}
