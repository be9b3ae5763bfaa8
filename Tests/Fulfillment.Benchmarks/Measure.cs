using System.Diagnostics;
using Npgsql;

namespace Fulfillment.Benchmarks;

public static class Measure
{
    /// <summary>
    /// Rate at which <paramref name="sql"/>'s count moves from its first change until <paramref name="finished"/> holds:
    /// start-up and group join are not counted, only steady work.
    /// </summary>
    public static async Task<PhaseResult> RateAsync(string connectionString, string sql, Func<long, bool> started, Func<long, bool> finished, long work)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        long Scalar(string query) => Convert.ToInt64(database.CreateCommand(query).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        long Count() => Scalar(sql);
        long Commits() => Scalar("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");

        var deadline = Stopwatch.StartNew();
        long first;
        while (!started(first = Count()))
        {
            Throw(deadline);
            await Task.Delay(5);
        }

        var clock = Stopwatch.StartNew();
        var commitsBefore = Commits();
        long last;
        while (!finished(last = Count()))
        {
            Throw(deadline);
            await Task.Delay(20);
        }

        var elapsed = clock.Elapsed;
        var done = Math.Min(Math.Abs(last - first), work);

        // Statistics reach pg_stat_database within a second or so of the transactions.
        await Task.Delay(1500);
        var transactions = Commits() - commitsBefore;
        return new PhaseResult(done / elapsed.TotalSeconds, done, transactions);
    }

    private static void Throw(Stopwatch deadline)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(10))
        {
            throw new TimeoutException("The phase did not finish in 10 minutes.");
        }
    }
}
