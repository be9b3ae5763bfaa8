using Fulfillment.Messaging.Hosting;
using Npgsql;

namespace Fulfillment.Benchmarks;

/// <summary>
/// For the update variant: one account row per key, written after the chassis has migrated the schema and before the
/// consumer group starts, so that no event finds its row missing.
/// </summary>
public sealed class AccountSeeding(NpgsqlDataSource database, BenchOptions options) : StartupTask
{
    public override Task StartingAsync(CancellationToken cancellationToken) => SeedAsync(database, options.Keys, cancellationToken);

    /// <summary>The rows themselves; the Wolverine peer seeds its own database with them too.</summary>
    public static async Task SeedAsync(NpgsqlDataSource database, int keys, CancellationToken cancellationToken)
    {
        await using var seed = database.CreateCommand(
            "INSERT INTO bench_accounts (order_id) SELECT 'order-' || lpad(i::text, 6, '0') FROM generate_series(0, @keys - 1) i ON CONFLICT DO NOTHING");
        seed.Parameters.AddWithValue("keys", keys);
        await seed.ExecuteNonQueryAsync(cancellationToken);
    }
}
