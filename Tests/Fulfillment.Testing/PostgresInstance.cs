using Fulfillment.Testing.Processes;

namespace Fulfillment.Testing;

/// <summary>The initdb/pg_ctl side of a private <see cref="PostgresServer"/>: one data directory, one postmaster.</summary>
internal sealed class PostgresInstance
{
    public const string SuperUser = "postgres";
    private const string ServiceUser = "postgres";
    private const int StartAttempts = 3;
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    private readonly string _binDirectory;
    private readonly string _rootDirectory;
    private readonly bool _asServiceUser;
    private readonly bool _durable;

    private PostgresInstance(string binDirectory, string rootDirectory, bool asServiceUser, bool durable)
    {
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        _asServiceUser = asServiceUser;
        _durable = durable;
    }

    public int Port { get; private set; }

    public string LogFile => Path.Combine(_rootDirectory, "postgres.log");

    private string DataDirectory => Path.Combine(_rootDirectory, "data");

    public static async Task<PostgresInstance> StartAsync(string binDirectory, bool durable, CancellationToken cancellationToken)
    {
        // PostgreSQL refuses to run as root; on Unix this is geteuid() == 0.
        var asServiceUser = Environment.IsPrivilegedProcess;
        if (asServiceUser)
        {
            await EnsureServiceUserExistsAsync(cancellationToken);
        }

        var root = Directory.CreateTempSubdirectory("fulfillment-pg-").FullName;
        var instance = new PostgresInstance(binDirectory, root, asServiceUser, durable);
        try
        {
            if (asServiceUser)
            {
                await RunCheckedAsync("chown", ["-R", $"{ServiceUser}:", root], cancellationToken);
            }

            await instance.RunToolAsync(
                "initdb",
                ["-D", instance.DataDirectory, "-A", "trust", "-U", SuperUser, "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions"],
                cancellationToken);
            await instance.StartServerAsync(fixedPort: null, cancellationToken);
            return instance;
        }
        catch
        {
            await instance.StopAsync();
            throw;
        }
    }

    /// <summary>Stops the postmaster, if one runs, and deletes the directory; never throws.</summary>
    public async Task StopAsync()
    {
        // Checked rather than remembered: pg_ctl can time out waiting for a postmaster that did start.
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            // Fast shutdown ends sessions cleanly; immediate is the fallback when that hangs or fails.
            if (!await TryRunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"]))
            {
                await TryRunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"]);
            }
        }

        Port = 0;
        try
        {
            Directory.Delete(_rootDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary directory is not worth failing a test run over.
        }
    }

    /// <summary>
    /// A crash and a restart on the same data directory and port, for fault injection: <c>pg_ctl stop -m immediate</c>
    /// (no checkpoint, every session cut, as if the host lost power; WAL replay recovers on the next start), then
    /// <paramref name="downtime"/>, then a start that recovers the data on the same port, so clients reconnect unchanged.
    /// </summary>
    public async Task CrashAndRestartAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        var port = Port;
        await RunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], cancellationToken);
        await Task.Delay(downtime, cancellationToken);
        await StartServerAsync(port, cancellationToken);
    }

    private async Task StartServerAsync(int? fixedPort, CancellationToken cancellationToken)
    {
        var crashSafety = _durable ? "on" : "off";
        for (var attempt = 1; ; attempt++)
        {
            var port = fixedPort ?? FreePorts.Pick();
            var serverOptions = string.Join(
                ' ',
                $"-p {port}",
                $"-k {_rootDirectory}",
                "-c listen_addresses=127.0.0.1",
                $"-c fsync={crashSafety}",
                $"-c synchronous_commit={crashSafety}",
                $"-c full_page_writes={crashSafety}",
                "-c max_connections=300");
            var result = await RunToolRawAsync(
                "pg_ctl",
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions],
                cancellationToken);
            if (result.Succeeded)
            {
                Port = port;
                return;
            }

            // The free port can be taken between probing and binding; only that is worth another attempt.
            var log = ReadLog();
            if (attempt >= StartAttempts || !log.Contains("could not bind", StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL did not start (pg_ctl exit {result.ExitCode}): {result.StandardError.Trim()}{Environment.NewLine}{log}");
            }
        }
    }

    private string ReadLog()
    {
        try
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private async Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await RunToolRawAsync(tool, arguments, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"{tool} failed with exit code {result.ExitCode}: {result.StandardError.Trim()} {result.StandardOutput.Trim()}");
        }
    }

    private async Task<bool> TryRunToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        try
        {
            return (await RunToolRawAsync(tool, arguments, CancellationToken.None)).Succeeded;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    private Task<ProcessResult> RunToolRawAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, tool);
        return _asServiceUser
            ? ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments], ToolTimeout, cancellationToken, _rootDirectory)
            : ProcessRunner.RunAsync(path, arguments, ToolTimeout, cancellationToken, _rootDirectory);
    }

    private static async Task EnsureServiceUserExistsAsync(CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync("id", ["-u", ServiceUser], ToolTimeout, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"PostgreSQL refuses to run as root and there is no '{ServiceUser}' user to run it as. Create one " +
                $"('useradd --system {ServiceUser}'), run the tests as a non-root user, or set {PostgresServer.ExternalServerVariable} " +
                "to the connection string of a running server.");
        }
    }

    private static async Task RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var result = await ProcessRunner.RunAsync(fileName, arguments, ToolTimeout, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} failed with exit code {result.ExitCode}: {result.StandardError.Trim()}");
        }
    }
}
