using Fulfillment.Sagas.Persistence;
using Npgsql;

namespace Fulfillment.Sagas.Queries;

/// <summary>Reads sagas for inspection (<c>GET /api/sagas/{orderId}</c>); registered by <c>AddOrderSagaSupport</c>.</summary>
/// <remarks>Reads committed rows on its own connection: it never sees a transaction that is still being handled.</remarks>
public sealed class OrderSagaQueries(NpgsqlDataSource database)
{
    private const string StalledSql = $"""
        SELECT {OrderSagaTable.Columns} FROM order_sagas
        WHERE stalled
        ORDER BY stalled_at, correlation_id
        LIMIT @limit
        """;

    /// <summary>The saga of <paramref name="orderId"/>, or null when no event of that order has been handled.</summary>
    public async Task<OrderSagaView?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        await using var command = database.CreateCommand(OrderSagaTable.SelectByIdSql);
        command.Parameters.AddWithValue("correlation_id", OrderSagaId.From(orderId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? OrderSagaView.From(OrderSagaTable.Read(reader)) : null;
    }

    /// <summary>The stalled sagas, longest stalled first.</summary>
    public async Task<IReadOnlyList<OrderSagaView>> ListStalledAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = database.CreateCommand(StalledSql);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sagas = new List<OrderSagaView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sagas.Add(OrderSagaView.From(OrderSagaTable.Read(reader)));
        }

        return sagas;
    }
}
