using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Fulfillment.Testing;

/// <summary>
/// pgbench's simple-update workload (-N), 8 clients, on the same server: the database's ceiling here. pgbench's
/// default query mode is <c>simple</c> (each statement parsed and planned anew); <c>prepared</c> is what the chassis
/// does (Npgsql's automatic preparation), so the benchmarks report both.
/// </summary>
/// <remarks>Used by the chassis benchmark and the load benchmark; the password of an external server's connection
/// string, if any, reaches pgbench as <c>PGPASSWORD</c>.</remarks>
public sealed partial class PgBench
{
    private readonly string _executable;
    private readonly string[] _connection;
    private readonly string? _password;

    private PgBench(PostgresServer server, string database)
    {
        _executable = Path.Combine(server.BinDirectory ?? throw new InvalidOperationException("pgbench needs the server's binaries."), "pgbench");
        var admin = new NpgsqlConnectionStringBuilder(server.AdminConnectionString);
        _connection = ["-h", server.Host, "-p", $"{server.Port}", "-U", admin.Username ?? "postgres", database];
        _password = admin.Password;
    }

    /// <summary>Creates and fills pgbench's tables (scale 10) in a database of their own.</summary>
    public static async Task<PgBench> InitializeAsync(PostgresServer server)
    {
        var database = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync("pgbench", CancellationToken.None)).Database!;
        var pgbench = new PgBench(server, database);
        await pgbench.RunAsync(["-i", "-q", "-s", "10"]);
        return pgbench;
    }

    /// <summary>Transactions per second over <paramref name="seconds"/>, in query mode <c>simple</c> or <c>prepared</c>.</summary>
    public async Task<double> TpsAsync(int seconds, string queryMode)
    {
        var output = await RunAsync(["-N", "-M", queryMode, "-c", "8", "-j", "2", "-T", $"{seconds}"]);
        var match = Tps().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No tps in pgbench output:\n{output}");
    }

    private async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!string.IsNullOrEmpty(_password))
        {
            start.Environment["PGPASSWORD"] = _password;
        }

        foreach (var argument in arguments.Concat(_connection))
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
