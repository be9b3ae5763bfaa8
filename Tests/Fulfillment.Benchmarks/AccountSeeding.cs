using Fulfillment.Messaging.Hosting;
using Npgsql;

namespace Fulfillment.Benchmarks;

/// <summary>
/// For the update variant: one account row per key, written after the chassis has migrated the schema and before the
/// consumer group starts, so that no event finds its row missing.
/// </summary>
public sealed class AccountSeeding(NpgsqlDataSource database, BenchOptions options) : StartupTask
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var seed = database.CreateCommand(
            "INSERT INTO bench_accounts (order_id) SELECT 'order-' || lpad(i::text, 6, '0') FROM generate_series(0, @keys - 1) i ON CONFLICT DO NOTHING");
        seed.Parameters.AddWithValue("keys", options.Keys);
        await seed.ExecuteNonQueryAsync(cancellationToken);
    }
}
