using Fulfillment.Testing;
using Npgsql;

namespace Fulfillment.Sagas.Tests.Support;

/// <summary>Direct looks at the database, independent of the code under test.</summary>
public static class SagaRows
{
    public static async Task<long> CountAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Returns once some session of the test's database waits for a row or index lock.</summary>
    public static Task WaitForLockWaitAsync(string connectionString) =>
        Eventually.ReturnsAsync(
            () => CountAsync(connectionString,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            waiting => waiting > 0,
            "a transaction blocked on the saga row");
}
