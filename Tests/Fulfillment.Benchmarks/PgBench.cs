using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Fulfillment.Benchmarks;

/// <summary>
/// pgbench's simple-update workload (-N), 8 clients, on the same server: the database's ceiling here. pgbench's
/// default query mode is <c>simple</c> (each statement parsed and planned anew); <c>prepared</c> is what the chassis
/// does (Npgsql's automatic preparation), so the benchmark reports both.
/// </summary>
public static partial class PgBench
{
    public static Task InitializeAsync(string binDirectory, string host, int port, string database) =>
        RunAsync(binDirectory, ["-i", "-q", "-s", "10", "-h", host, "-p", $"{port}", "-U", "postgres", database]);

    public static async Task<double> SimpleUpdateTpsAsync(string binDirectory, string host, int port, string database, int seconds, string queryMode)
    {
        var output = await RunAsync(
            binDirectory, ["-N", "-M", queryMode, "-c", "8", "-j", "2", "-T", $"{seconds}", "-h", host, "-p", $"{port}", "-U", "postgres", database]);
        var match = Tps().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No tps in pgbench output:\n{output}");
    }

    private static async Task<string> RunAsync(string binDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(binDirectory, "pgbench"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await stdout + await stderr
            : throw new InvalidOperationException($"pgbench failed: {await stderr}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();
}
