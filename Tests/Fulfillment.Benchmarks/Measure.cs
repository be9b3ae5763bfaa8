using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Fulfillment.Messaging.Telemetry;
using Npgsql;

namespace Fulfillment.Benchmarks;

/// <summary>
/// Times one phase by a chassis counter (incremented after each commit), in-process, so measuring puts no load on
/// the database. The clock starts at the first increment that reaches the warm-up (so start-up, the group join and
/// the warm-up are not counted) and stops when the counter reaches the phase's work; the rate is the work counted in
/// between. The database is then asked whether all the work really committed.
/// </summary>
public sealed class Measure : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly TaskCompletionSource<(long Work, TimeSpan Elapsed, RuntimeLoad Load)> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly long _work;
    private readonly long _warmUp;
    private long _counted;
    private long _countedAtStart;
    private Stopwatch? _clock;
    private RuntimeLoad _loadAtStart;

    private Measure(string meter, string instrument, long work, long warmUp)
    {
        _work = work;
        _warmUp = warmUp;
        _listener.InstrumentPublished = (candidate, subscriber) =>
        {
            if (candidate.Meter.Name == meter && candidate.Name == instrument)
            {
                subscriber.EnableMeasurementEvents(candidate);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, increment, _, _) => Count(increment));

        // Wolverine's counters are Counter<int> (the peer comparison times it by its own success counter).
        _listener.SetMeasurementEventCallback<int>((_, increment, _, _) => Count(increment));
        _listener.Start();
    }

    /// <summary>Completes when the work has been counted.</summary>
    public Task Counted => _finished.Task;

    /// <summary>Time since the clock started (the first counted increment), still running after the work is counted.</summary>
    public TimeSpan Elapsed => _clock?.Elapsed ?? TimeSpan.Zero;

    /// <summary>Starts listening; call before the phase's host starts so that no increment is missed.</summary>
    public static Measure Start(string instrument, long work, long warmUp = 0, string meter = ChassisMetrics.MeterName) =>
        warmUp < work ? new(meter, instrument, work, warmUp) : throw new ArgumentOutOfRangeException(nameof(warmUp), "The warm-up must leave work to time.");

    private void Count(long increment)
    {
        lock (_gate)
        {
            _counted += increment;
            if (_clock is null && _counted >= _warmUp)
            {
                _clock = Stopwatch.StartNew();
                _loadAtStart = RuntimeLoad.Now();
                _countedAtStart = _counted;
            }
            else if (_clock is not null && _counted >= _work)
            {
                _finished.TrySetResult((_counted - _countedAtStart, _clock.Elapsed, RuntimeLoad.Now() - _loadAtStart));
            }
        }
    }

    /// <summary>Waits for the phase to finish, then checks <paramref name="verifySql"/> returns <paramref name="expected"/>.</summary>
    public async Task<PhaseResult> ResultAsync(string connectionString, long commitsBefore, string verifySql, long expected)
    {
        var (measured, elapsed, load) = await _finished.Task.WaitAsync(TimeSpan.FromMinutes(10));
        await using var database = NpgsqlDataSource.Create(connectionString);

        // Statistics reach pg_stat_database within a second or so of the transactions.
        await Task.Delay(1500);
        var transactions = await CommitsAsync(connectionString) - commitsBefore;
        var verified = Convert.ToInt64(await database.CreateCommand(verifySql).ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        if (verified != expected)
        {
            throw new InvalidOperationException($"'{verifySql}' returned {verified}, expected {expected}.");
        }

        return new PhaseResult(measured / elapsed.TotalSeconds, _work, transactions, load.AllocatedBytes / (double)measured, load.GcPause / elapsed, load.MethodsCompiled, load.CompilationTime / elapsed);
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
