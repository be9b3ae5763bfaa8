using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Fulfillment.Sagas.Monitoring;

/// <summary>
/// How many orders are in each saga state, and how many of them are stalled: gauges
/// (<c>fulfillment_sagas{state}</c>, <c>fulfillment_sagas_stalled{state}</c> on <c>/metrics</c>) read from a count
/// taken every <see cref="StalledSagaOptions.MetricsInterval"/>, not at each scrape, so scrapes never wait on the
/// database and the count costs one grouped query per interval whatever the scrape rate.
/// </summary>
internal sealed class SagaStateMetrics : BackgroundService
{
    public const string MeterName = "Fulfillment.Sagas";

    private const string CountSql = "SELECT current_state, count(*), count(*) FILTER (WHERE stalled) FROM order_sagas GROUP BY current_state";

    /// <summary>The names these gauges have on <c>/metrics</c> (the dashboard's test reads this list).</summary>
    public static IReadOnlyList<string> PrometheusNames { get; } = ["fulfillment_sagas", "fulfillment_sagas_stalled"];

    private readonly NpgsqlDataSource _database;
    private readonly StalledSagaOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SagaStateMetrics> _logger;
    private readonly ConcurrentDictionary<string, (long Sagas, long Stalled)> _counts = new(StringComparer.Ordinal);

    public SagaStateMetrics(
        NpgsqlDataSource database, IOptions<StalledSagaOptions> options, TimeProvider clock, IMeterFactory meters, ILogger<SagaStateMetrics> logger)
    {
        _database = database;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("fulfillment.sagas", () => Measure(c => c.Sagas), "{saga}", "Orders per current saga state");
        meter.CreateObservableGauge("fulfillment.sagas.stalled", () => Measure(c => c.Stalled), "{saga}", "Stalled orders per current saga state");
    }

    /// <summary>Counts the sagas per state now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using var command = _database.CreateCommand(CountSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = reader.GetString(0);
            seen.Add(state);
            _counts[state] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        // A state no order is in any more reads 0 rather than vanishing from the graph.
        foreach (var state in _counts.Keys.Where(s => !seen.Contains(s)))
        {
            _counts[state] = (0, 0);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.MetricsInterval, _clock);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                SagaLog.StateCountFailed(_logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<long>> Measure(Func<(long Sagas, long Stalled), long> value) =>
        _counts.Select(c => new Measurement<long>(value(c.Value), new KeyValuePair<string, object?>("state", c.Key)));
}
