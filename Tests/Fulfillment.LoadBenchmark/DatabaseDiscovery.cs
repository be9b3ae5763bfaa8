using Fulfillment.Testing.Processes;
using Npgsql;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// A target platform's service databases on its server: the database named exactly by the service's prefix
/// (run.sh: <c>query_db</c>, ...), else the newest one whose name starts with it (the private servers of the tests
/// and of this benchmark add a suffix).
/// </summary>
public static class DatabaseDiscovery
{
    public static async Task<Dictionary<string, string>> FindAsync(string adminConnectionString, CancellationToken cancellationToken)
    {
        var names = new List<(string Name, uint Oid)>();
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT datname, oid FROM pg_database WHERE NOT datistemplate", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add((reader.GetString(0), reader.GetFieldValue<uint>(1)));
            }
        }

        var databases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in ServiceSpec.All)
        {
            var name = names.Any(n => n.Name == spec.DatabasePrefix)
                ? spec.DatabasePrefix
                : names.Where(n => n.Name.StartsWith(spec.DatabasePrefix + "_", StringComparison.Ordinal)).OrderByDescending(n => n.Oid).Select(n => n.Name).FirstOrDefault()
                    ?? throw new InvalidOperationException($"No database {spec.DatabasePrefix}[_*] on the target server for {spec.Name}.");
            databases[spec.Name] = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        }

        return databases;
    }
}
