using System.Diagnostics;
using Fulfillment.Testing;
using Npgsql;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// CPU of every measured process between <see cref="Start"/> and <see cref="Stop"/>, as a percentage of one core:
/// the services (each instance), the embedded Kafka's process, this benchmark (which hosts the HTTP client and the
/// probes) and PostgreSQL (the postmaster and all its backends).
/// </summary>
public sealed class CpuMeter(IReadOnlyList<MeasuredProcess> processes, int? postmasterId)
{
    private readonly Stopwatch _clock = new();
    private Dictionary<string, double?> _start = [];

    /// <summary>The postmaster of <paramref name="server"/> (the parent of a backend), for <see cref="CpuTimes.OfTree"/>.</summary>
    public static async Task<int?> PostmasterOfAsync(PostgresServer server, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        return CpuTimes.ParentOf(backend);
    }

    public void Start()
    {
        _start = Read();
        _clock.Restart();
    }

    public Dictionary<string, double> Stop()
    {
        var end = Read();
        var seconds = _clock.Elapsed.TotalSeconds;
        var percent = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, before) in _start)
        {
            if (before is { } b && end.GetValueOrDefault(name) is { } e)
            {
                percent[name] = (e - b) / seconds * 100;
            }
        }

        return percent;
    }

    private Dictionary<string, double?> Read()
    {
        var times = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var process in processes)
        {
            times[process.Name] = process.ProcessId() is { } pid ? CpuTimes.Of(pid) : null;
        }

        times["benchmark"] = CpuTimes.Of(Environment.ProcessId);
        if (postmasterId is { } postmaster)
        {
            times["postgresql"] = CpuTimes.OfTree(postmaster);
        }

        return times;
    }
}
