using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Fulfillment.Chassis.Telemetry;
using Npgsql;

namespace Fulfillment.Benchmarks;

/// <summary>
/// Times one phase by a chassis counter (incremented after each commit), in-process, so measuring puts no load on
/// the database: from the counter's first increment until it reaches the phase's work. Start-up and the group join
/// are not counted, only steady work. The database is then asked whether the work really committed.
/// </summary>
public sealed class Measure : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly TaskCompletionSource<Stopwatch> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TimeSpan> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _work;
    private long _counted;

    private Measure(string instrument, long work)
    {
        _work = work;
        _listener.InstrumentPublished = (candidate, subscriber) =>
        {
            if (candidate.Meter.Name == ChassisMetrics.MeterName && candidate.Name == instrument)
            {
                subscriber.EnableMeasurementEvents(candidate);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, increment, _, _) =>
        {
            _started.TrySetResult(Stopwatch.StartNew());
            if (Interlocked.Add(ref _counted, increment) >= _work)
            {
                _finished.TrySetResult(_started.Task.Result.Elapsed);
            }
        });
        _listener.Start();
    }

    /// <summary>Starts listening; call before the phase's host starts so that no increment is missed.</summary>
    public static Measure Start(string instrument, long work) => new(instrument, work);

    /// <summary>Waits for the phase to finish, then checks <paramref name="verifySql"/> returns <paramref name="expected"/>.</summary>
    public async Task<PhaseResult> ResultAsync(string connectionString, long commitsBefore, string verifySql, long expected)
    {
        var elapsed = await _finished.Task.WaitAsync(TimeSpan.FromMinutes(10));
        await using var database = NpgsqlDataSource.Create(connectionString);

        // Statistics reach pg_stat_database within a second or so of the transactions.
        await Task.Delay(1500);
        var transactions = await CommitsAsync(connectionString) - commitsBefore;
        var verified = Convert.ToInt64(await database.CreateCommand(verifySql).ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (verified != expected)
        {
            throw new InvalidOperationException($"'{verifySql}' returned {verified}, expected {expected}.");
        }

        return new PhaseResult(_work / elapsed.TotalSeconds, _work, transactions);
    }

    /// <summary>Transactions the database has committed so far (for events per transaction).</summary>
    public static async Task<long> CommitsAsync(string connectionString)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var query = database.CreateCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
        return Convert.ToInt64(await query.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public void Dispose() => _listener.Dispose();
}
