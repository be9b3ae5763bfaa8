using Fulfillment.Testing;

namespace Fulfillment.QueryApi.Tests.Support;

/// <summary>Direct SQL on a query database, for what the API does not show (inbox rows, rebuild bookkeeping).</summary>
public sealed class ReadModelDatabase(string connectionString)
{
    public Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters) =>
        Sql.CountAsync(connectionString, sql, parameters);

    public Task<long> InboxRowsAsync(string consumerGroup) =>
        ScalarAsync("SELECT count(*) FROM inbox_messages WHERE consumer_group = @group", ("group", consumerGroup));

    public Task<long> GenerationAsync() =>
        ScalarAsync("SELECT generation FROM read_model_state WHERE name = 'orders'");

    public Task<long> TimelineRowsAsync(string orderId) =>
        ScalarAsync("SELECT count(*) FROM order_timeline WHERE order_id = @id", ("id", orderId));

    /// <summary>An order no event on Kafka backs: a rebuild from the topics must not bring it back.</summary>
    public Task<long> InsertStrayOrderAsync(string orderId) =>
        ScalarAsync(
            """
            INSERT INTO orders (order_id, status, status_rank, first_event_at, last_event_at, updated_at)
            VALUES (@id, 'CREATED', 1, now(), now(), now())
            """,
            ("id", orderId));
}
