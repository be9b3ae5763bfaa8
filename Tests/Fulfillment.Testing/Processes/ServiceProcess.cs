using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Fulfillment.Testing.Processes;

/// <summary>
/// One service as an OS process: <c>dotnet &lt;Project&gt;.dll</c> from its build output, configured only through
/// environment variables (as a deployment would), its output captured in a <see cref="ServiceLog"/>. It can be
/// stopped and started again with other settings, keeping its port, database and log.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(10);

    private readonly string _assemblyPath;
    private readonly IReadOnlyList<string> _arguments;
    private readonly HttpClient _probe;
    private Process? _process;
    private int _generation;

    /// <summary>A process of <paramref name="assemblyPath"/>, run with <paramref name="arguments"/> (none for the services).</summary>
    public ServiceProcess(string name, string assemblyPath, int port, ServiceLog log, IReadOnlyList<string>? arguments = null)
    {
        Name = name;
        _assemblyPath = assemblyPath;
        _arguments = arguments ?? [];
        Port = port;
        Log = log;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        _probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public ServiceLog Log { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The OS process id of the current generation while it runs (for reading its CPU time), else null.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>Starts a new process generation with exactly <paramref name="environment"/> on top of this process' own.</summary>
    public void Start(IReadOnlyDictionary<string, string> environment)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running (pid {_process!.Id}).");
        }

        _process?.Dispose();
        var generation = ++_generation;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The content root is the working directory: appsettings.json lives next to the assembly.
            WorkingDirectory = Path.GetDirectoryName(_assemblyPath)!,
        };
        startInfo.ArgumentList.Add(_assemblyPath);
        foreach (var argument in _arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.Exited += (_, _) => Log.Write(Invariant($"===== {Name} generation {generation} exited ({DescribeExit(process)}) at {DateTimeOffset.UtcNow:O}"));

        Log.Write(Invariant($"===== {Name} generation {generation} starting at {DateTimeOffset.UtcNow:O}: dotnet {string.Join(' ', _arguments.Prepend(_assemblyPath))}"));
        foreach (var key in environment.Keys.Order(StringComparer.Ordinal))
        {
            Log.Write($"=====   {key}={environment[key]}");
        }

        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Log.Write(Invariant($"===== {Name} generation {generation} is pid {process.Id}"));
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (database, Kafka and partitions are there).</summary>
    /// <exception cref="InvalidOperationException">The process exited while starting.</exception>
    /// <exception cref="TimeoutException">It did not become ready in time.</exception>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started.");
        var started = Stopwatch.StartNew();
        var last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited while starting ({DescribeExit(process)}). Its last output ({Log.Path}):{Environment.NewLine}{Log.Tail(40)}");
            }

            try
            {
                using var response = await _probe.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Log.Write(Invariant($"===== {Name} ready after {started.Elapsed.TotalSeconds:F1} s"));
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "the probe timed out";
            }

            if (started.Elapsed > timeout)
            {
                throw new TimeoutException(Invariant(
                    $"{Name} was not ready within {timeout.TotalSeconds:F0} s at {BaseAddress}health/ready (last answer: {last}). Its last output ({Log.Path}):{Environment.NewLine}{Log.Tail(40)}"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>Waits until the current generation has written a line containing <paramref name="text"/> (for processes without a health endpoint).</summary>
    /// <exception cref="InvalidOperationException">The process exited first.</exception>
    /// <exception cref="TimeoutException">The line did not come in time.</exception>
    public async Task WaitUntilLoggedAsync(string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started.");
        var banner = Invariant($"===== {Name} generation {_generation} starting at");
        var started = Stopwatch.StartNew();
        while (true)
        {
            var tail = Log.Tail(200);
            var current = tail.LastIndexOf(banner, StringComparison.Ordinal);
            if (current >= 0 && tail.IndexOf(text, current, StringComparison.Ordinal) >= 0)
            {
                return;
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited while starting ({DescribeExit(process)}). Its last output ({Log.Path}):{Environment.NewLine}{Log.Tail(40)}");
            }

            if (started.Elapsed > timeout)
            {
                throw new TimeoutException(Invariant(
                    $"{Name} did not log '{text}' within {timeout.TotalSeconds:F0} s. Its last output ({Log.Path}):{Environment.NewLine}{Log.Tail(40)}"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>
    /// Stops the process as an orchestrator would (SIGTERM, so it leaves its consumer groups and the partitions move on
    /// without waiting out a session timeout), killing it if it does not exit in time.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        Log.Write(Invariant($"===== {Name}: SIGTERM to pid {process.Id} at {DateTimeOffset.UtcNow:O}"));
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await kill!.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(GracefulStopTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Log.Write(Invariant($"===== {Name} ignored SIGTERM for {GracefulStopTimeout.TotalSeconds:F0} s; killing it"));
            Kill();
        }
    }

    /// <summary>Kills the process and everything it started, at once. Safe to call at any time, any number of times.</summary>
    public void Kill()
    {
        if (_process is not { } process)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(KillTimeout);
        }
        catch (InvalidOperationException)
        {
            // It exited in between: nothing left to kill.
        }
        catch (SystemException ex)
        {
            Log.Write($"===== {Name}: could not kill pid {process.Id}: {ex.Message}");
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        _process = null;
        _probe.Dispose();
    }

    private void Capture(string? line)
    {
        if (line is not null)
        {
            Log.Write(line);
        }
    }

    private static string DescribeExit(Process process)
    {
        try
        {
            return Invariant($"exit code {process.ExitCode}");
        }
        catch (InvalidOperationException)
        {
            return "exit code unknown";
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
