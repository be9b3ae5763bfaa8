using System.Globalization;
using Npgsql;

namespace Fulfillment.Testing;

/// <summary>Plain SQL against a test's database: what really committed, independent of the code under test.</summary>
public static class Sql
{
    /// <summary>The first column of the first row; null when there is no row or the value is NULL.</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    /// <summary>Runs statements that return nothing the test needs (DDL, a fault the test sets up).</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A count (or any integer) the statement selects.</summary>
    public static async Task<long> CountAsync(string connectionString, string sql, params (string Name, object Value)[] parameters) =>
        Convert.ToInt64(await ScalarAsync(connectionString, sql, parameters), CultureInfo.InvariantCulture);
}
