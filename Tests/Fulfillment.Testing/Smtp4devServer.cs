using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Fulfillment.Testing.Processes;

namespace Fulfillment.Testing;

/// <summary>
/// A private smtp4dev (the <c>Rnwood.Smtp4dev</c> dotnet tool): SMTP, IMAP and POP3 on free loopback ports, an
/// in-memory message store, its web API read through <see cref="MessagesAsync"/>. It can be stopped and started again
/// on the same ports (an SMTP outage), and is killed with its whole process tree on dispose.
/// </summary>
/// <remarks>
/// Installed by <c>deploy/scripts/bootstrap.sh</c> into <see cref="ToolPath"/>; <c>SMTP4DEV_PATH</c> names another
/// executable. Each instance gets its own configuration directory (smtp4dev keeps data-protection keys there).
/// </remarks>
public sealed class Smtp4devServer : IAsyncDisposable
{
    public const string ToolPath = "/opt/fulfillment/tools/smtp4dev";

    public const string InstallCommand =
        "deploy/scripts/bootstrap.sh (or: dotnet tool install --tool-path /opt/fulfillment/tools Rnwood.Smtp4dev --version 3.15.0)";

    private const int TailLines = 40;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _executable;
    private readonly string _configDirectory;
    private readonly int _imapPort;
    private readonly int _pop3Port;
    private readonly HttpClient _api;
    private readonly Queue<string> _output = new();
    private readonly Lock _outputGate = new();
    private Process? _process;

    private Smtp4devServer(string executable, IReadOnlyList<int> ports)
    {
        _executable = executable;
        (HttpPort, SmtpPort, _imapPort, _pop3Port) = (ports[0], ports[1], ports[2], ports[3]);
        _configDirectory = Directory.CreateTempSubdirectory("smtp4dev-").FullName;
        ApiAddress = new Uri($"http://127.0.0.1:{HttpPort.ToString(CultureInfo.InvariantCulture)}");
        _api = new HttpClient { BaseAddress = ApiAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Host { get; } = "127.0.0.1";

    public int SmtpPort { get; }

    public int HttpPort { get; }

    /// <summary>The web UI and its API.</summary>
    public Uri ApiAddress { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on free ports and waits until both SMTP and the API answer.</summary>
    /// <exception cref="InvalidOperationException">smtp4dev is not installed (the message says how to install it), or it exited while starting.</exception>
    public static async Task<Smtp4devServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new Smtp4devServer(Locate(), FreePorts.Pick(4));
        try
        {
            await server.StartAgainAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the (stopped) server again on the same ports, with an empty message store.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"smtp4dev is already running (pid {_process!.Id}).");
        }

        _process?.Dispose();
        var startInfo = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _configDirectory,
        };
        foreach (var argument in Arguments(HttpPort, SmtpPort, _imapPort, _pop3Port))
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["XDG_CONFIG_HOME"] = _configDirectory;
        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilAnsweringAsync(process, cancellationToken);
    }

    /// <summary>The command-line flags of a loopback-only server with an in-memory store and no user settings.</summary>
    public static IReadOnlyList<string> Arguments(int httpPort, int smtpPort, int imapPort, int pop3Port) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"--urls=http://127.0.0.1:{httpPort}"),
        string.Create(CultureInfo.InvariantCulture, $"--smtpport={smtpPort}"),
        string.Create(CultureInfo.InvariantCulture, $"--imapport={imapPort}"),
        string.Create(CultureInfo.InvariantCulture, $"--pop3port={pop3Port}"),
        "--bindaddress=127.0.0.1",
        "--db=",
        "--nousersettings",
    ];

    /// <summary>Stops the server and every process it started (an SMTP outage, until <see cref="StartAgainAsync"/>).</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Every message received so far, oldest first, with its headers and plain-text body.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> MessagesAsync(CancellationToken cancellationToken = default)
    {
        using var page = await _api.GetFromJsonAsync<JsonDocument>("/api/messages?pageSize=10000", cancellationToken)
            ?? throw new InvalidOperationException("smtp4dev returned no message list");
        var emails = new List<ReceivedEmail>();
        foreach (var summary in page.RootElement.GetProperty("results").EnumerateArray())
        {
            var id = summary.GetProperty("id").GetString()!;
            using var details = await _api.GetFromJsonAsync<JsonDocument>($"/api/messages/{id}", cancellationToken)
                ?? throw new InvalidOperationException($"smtp4dev returned no message {id}");
            var root = details.RootElement;
            var messageId = root.GetProperty("headers").EnumerateArray()
                .Where(h => string.Equals(h.GetProperty("name").GetString(), "Message-Id", StringComparison.OrdinalIgnoreCase))
                .Select(h => h.GetProperty("value").GetString())
                .FirstOrDefault();
            var body = await _api.GetStringAsync(new Uri($"/api/messages/{id}/plaintext", UriKind.Relative), cancellationToken);
            emails.Add(new ReceivedEmail(
                id,
                root.GetProperty("from").GetString() ?? string.Empty,
                [.. root.GetProperty("to").EnumerateArray().Select(t => t.GetString() ?? string.Empty)],
                root.GetProperty("subject").GetString() ?? string.Empty,
                messageId,
                body,
                root.GetProperty("receivedDate").GetDateTimeOffset()));
        }

        return [.. emails.OrderBy(e => e.ReceivedAt)];
    }

    /// <summary>Deletes every message received so far.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _api.DeleteAsync(new Uri("/api/messages/*", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _process?.Dispose();
            _api.Dispose();
            try
            {
                Directory.Delete(_configDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a dying child: the temp directory is cleaned up eventually anyway.
            }
        }
    }

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("SMTP4DEV_PATH");
        var candidates = string.IsNullOrEmpty(configured) ? [ToolPath] : new[] { configured };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"smtp4dev is not installed at {string.Join(", ", candidates)}. Install it with {InstallCommand}, or point SMTP4DEV_PATH at its executable.");
    }

    private async Task WaitUntilAnsweringAsync(Process process, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var last = "no answer yet";
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"smtp4dev exited while starting (exit code {process.ExitCode}). Its last output:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using (var smtp = new TcpClient())
                {
                    await smtp.ConnectAsync(Host, SmtpPort, cancellationToken);
                }

                using var response = await _api.GetAsync(new Uri("/api/messages?pageSize=1", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"the API answered {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is SocketException or HttpRequestException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                last = ex.Message;
            }

            if (started.Elapsed > StartTimeout)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"smtp4dev did not answer within {StartTimeout.TotalSeconds:F0} s on SMTP {SmtpPort} and {ApiAddress} (last: {last}). Its last output:{Environment.NewLine}{Tail()}"));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputGate)
        {
            _output.Enqueue(line);
            if (_output.Count > TailLines)
            {
                _output.Dequeue();
            }
        }
    }

    private string Tail()
    {
        lock (_outputGate)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }
}
