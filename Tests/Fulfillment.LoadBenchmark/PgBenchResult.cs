using System.Globalization;
using Fulfillment.Testing;

namespace Fulfillment.LoadBenchmark;

/// <summary>pgbench simple-update (8 clients, scale 10) on the platform's server just before the load, in both query modes.</summary>
public sealed record PgBenchResult(double SimpleTps, double PreparedTps, int Seconds)
{
    /// <summary>Initializes pgbench's tables on <paramref name="server"/>, then runs each query mode for <paramref name="seconds"/> (0: none, null).</summary>
    public static async Task<PgBenchResult?> MeasureAsync(PostgresServer server, int seconds)
    {
        if (seconds == 0)
        {
            return null;
        }

        Console.WriteLine(Invariant($"pgbench: initializing (scale 10), then {seconds} s simple and {seconds} s prepared..."));
        var pgbench = await PgBench.InitializeAsync(server);
        var simple = await pgbench.TpsAsync(seconds, "simple");
        var prepared = await pgbench.TpsAsync(seconds, "prepared");
        Console.WriteLine(Invariant($"pgbench: {simple:N0} tps simple, {prepared:N0} tps prepared"));
        return new PgBenchResult(simple, prepared, seconds);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
