using Fulfillment.QueryApi.Persistence;
using Fulfillment.Testing;

namespace Fulfillment.QueryApi.Tests.Support;

public static class QueryDatabase
{
    /// <summary>A fresh database with query-api's schema (the messaging tables and its own migrations), as at service start.</summary>
    public static Task<string> CreateAsync() => TestPostgres.CreateMigratedDatabaseAsync("query", typeof(QueryDbContext).Assembly);
}
