using Npgsql;

namespace Fulfillment.PaymentService.Tests.Support;

/// <summary>Direct reads of the chassis tables, to know when the running service has handled a record.</summary>
public static class Database
{
    public static async Task<long> CountAsync(string connectionString, string sql, Guid? eventId = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (eventId is { } id)
        {
            command.Parameters.AddWithValue("id", id);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
