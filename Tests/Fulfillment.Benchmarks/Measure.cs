using System.Diagnostics;
using Npgsql;

namespace Fulfillment.Benchmarks;

public static class Measure
{
    /// <summary>
    /// Rate at which <paramref name="sql"/>'s count moves from its first change until <paramref name="finished"/> holds:
    /// start-up and group join are not counted, only steady work.
    /// </summary>
    public static async Task<double> RateAsync(string connectionString, string sql, Func<long, bool> started, Func<long, bool> finished, long work)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        long Count() => Convert.ToInt64(database.CreateCommand(sql).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        var deadline = Stopwatch.StartNew();
        long first;
        while (!started(first = Count()))
        {
            Throw(deadline);
            await Task.Delay(5);
        }

        var clock = Stopwatch.StartNew();
        long last;
        while (!finished(last = Count()))
        {
            Throw(deadline);
            await Task.Delay(20);
        }

        var done = Math.Abs(last - first);
        return Math.Min(done, work) / clock.Elapsed.TotalSeconds;
    }

    private static void Throw(Stopwatch deadline)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(10))
        {
            throw new TimeoutException("The phase did not finish in 10 minutes.");
        }
    }
}
