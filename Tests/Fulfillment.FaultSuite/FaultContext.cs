using System.Collections.Concurrent;
using Fulfillment.LoadBenchmark;
using Npgsql;

namespace Fulfillment.FaultSuite;

/// <summary>
/// What a fault can reach: the platform's processes, its PostgreSQL, the broker's fault API, order-service's HTTP API
/// and the orders in flight; and what it did (the poison it sent, the cancellations it asked for and their answers).
/// </summary>
public sealed class FaultContext(LocalPlatform platform, HttpClient kafkaAdmin, NpgsqlDataSource queryDatabase, HttpClient orders, OrderTracker tracker)
{
    public LocalPlatform Platform { get; } = platform;

    public HttpClient KafkaAdmin { get; } = kafkaAdmin;

    /// <summary>query-api's database as the suite reads it (the order tracker's polls).</summary>
    public NpgsqlDataSource QueryDatabase { get; } = queryDatabase;

    /// <summary>order-service, as the load driver calls it.</summary>
    public HttpClient Orders { get; } = orders;

    /// <summary>The accepted orders and which are still in flight.</summary>
    public OrderTracker Tracker { get; } = tracker;

    /// <summary>Keys of the poison records produced so far: the only records allowed in the dead-letter table.</summary>
    public ConcurrentBag<string> PoisonKeys { get; } = [];

    /// <summary>Every cancel the suite asked for: order id → the HTTP status codes of its answers, in order.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<int>> CancelAnswers { get; } = new(StringComparer.Ordinal);
}
