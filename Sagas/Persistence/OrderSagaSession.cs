using MassTransit;
using Npgsql;

namespace Fulfillment.Sagas.Persistence;

/// <summary>
/// The saga repository's hold on one handling transaction: raw commands on the connection and transaction of the
/// scope's DbContext, so that the saga's row commits or rolls back with everything else the record did (inbox row,
/// read model). What it read or wrote is kept in the unit of work's <see cref="OrderSagaBatch"/>.
/// </summary>
internal sealed class OrderSagaSession(NpgsqlConnection connection, NpgsqlTransaction transaction, OrderSagaBatch batch)
{
    public async Task<OrderState?> LoadAsync(Guid correlationId, CancellationToken cancellationToken)
    {
        if (batch.TryGet(correlationId, out var known))
        {
            return known;
        }

        await using var command = Command(OrderSagaTable.SelectByIdSql);
        command.Parameters.AddWithValue("correlation_id", correlationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var saga = OrderSagaTable.Read(reader);
        batch.Persisted(saga);
        return saga;
    }

    /// <summary>Inserts a new saga at version 1; false when another transaction created it first.</summary>
    public async Task<bool> TryInsertAsync(OrderState saga, CancellationToken cancellationToken)
    {
        await using var command = Command(OrderSagaTable.InsertSql);
        OrderSagaTable.Bind(command, saga, version: 1);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return false;
        }

        saga.Version = 1;
        batch.Persisted(saga);
        return true;
    }

    public async Task InsertAsync(OrderState saga, CancellationToken cancellationToken)
    {
        if (!await TryInsertAsync(saga, cancellationToken))
        {
            throw Conflict(saga, "was created by another transaction");
        }
    }

    /// <summary>Writes the saga if it changed, only if nobody else wrote it since it was read.</summary>
    /// <exception cref="ConcurrencyException">Another transaction changed or deleted the saga: handle the record again.</exception>
    public async Task UpdateAsync(OrderState saga, CancellationToken cancellationToken)
    {
        if (batch.IsUnchanged(saga))
        {
            return;
        }

        var expected = saga.Version;
        await using var command = Command(OrderSagaTable.UpdateSql);
        OrderSagaTable.Bind(command, saga, expected + 1);
        command.Parameters.AddWithValue("expected_version", expected);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw Conflict(saga, $"is no longer at version {expected}");
        }

        saga.Version = expected + 1;
        batch.Persisted(saga);
    }

    public async Task DeleteAsync(OrderState saga, CancellationToken cancellationToken)
    {
        await using var command = Command(OrderSagaTable.DeleteSql);
        command.Parameters.AddWithValue("correlation_id", saga.CorrelationId);
        command.Parameters.AddWithValue("expected_version", saga.Version);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw Conflict(saga, $"is no longer at version {saga.Version}");
        }

        batch.Deleted(saga.CorrelationId);
    }

    private NpgsqlCommand Command(string sql) => new(sql, connection, transaction);

    private static ConcurrencyException Conflict(OrderState saga, string what) =>
        new($"The saga of order {saga.OrderId} {what}; the event must be handled again.", typeof(OrderState), saga.CorrelationId);
}
