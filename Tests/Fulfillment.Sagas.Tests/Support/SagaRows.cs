using Fulfillment.Testing;

namespace Fulfillment.Sagas.Tests.Support;

/// <summary>Direct looks at the database, independent of the code under test.</summary>
public static class SagaRows
{
    public static Task<long> CountAsync(string connectionString, string sql, params (string Name, object Value)[] parameters) =>
        Sql.CountAsync(connectionString, sql, parameters);

    /// <summary>Returns once some session of the test's database waits for a row or index lock.</summary>
    public static Task WaitForLockWaitAsync(string connectionString) =>
        Eventually.ReturnsAsync(
            () => CountAsync(connectionString,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            waiting => waiting > 0,
            what: "a transaction blocked on the saga row");
}
