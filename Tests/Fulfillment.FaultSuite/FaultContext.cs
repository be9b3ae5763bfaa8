using System.Collections.Concurrent;
using Fulfillment.LoadBenchmark;
using Npgsql;

namespace Fulfillment.FaultSuite;

/// <summary>What a fault can reach: the platform's processes, its PostgreSQL, the broker's fault API; and the poison it sent.</summary>
public sealed class FaultContext(LocalPlatform platform, HttpClient kafkaAdmin, NpgsqlDataSource queryDatabase)
{
    public LocalPlatform Platform { get; } = platform;

    public HttpClient KafkaAdmin { get; } = kafkaAdmin;

    /// <summary>query-api's database as the suite reads it (the order tracker's polls).</summary>
    public NpgsqlDataSource QueryDatabase { get; } = queryDatabase;

    /// <summary>Keys of the poison records produced so far: the only records allowed in the dead-letter table.</summary>
    public ConcurrentBag<string> PoisonKeys { get; } = [];
}
