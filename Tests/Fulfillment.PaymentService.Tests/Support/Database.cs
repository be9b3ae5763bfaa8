using Fulfillment.Testing;

namespace Fulfillment.PaymentService.Tests.Support;

/// <summary>Direct reads of the chassis tables, to know when the running service has handled a record.</summary>
public static class Database
{
    public static Task<long> CountAsync(string connectionString, string sql, Guid? eventId = null) =>
        Sql.CountAsync(connectionString, sql, eventId is { } id ? [("id", id)] : []);
}
