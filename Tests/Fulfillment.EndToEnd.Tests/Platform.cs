using System.Diagnostics;
using System.Globalization;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;

namespace Fulfillment.EndToEnd.Tests;

/// <summary>
/// The whole platform, once for the test assembly: a Kafka and a PostgreSQL server with a database per service (in
/// containers, or the embedded Kafka hosted in this process and a private PostgreSQL, as <see cref="TestInfrastructure"/>
/// chose), smtp4dev as the SMTP server, and the seven services as separate OS processes from their build output, each on a free loopback port and
/// reachable only over HTTP and Kafka, as in a deployment.
/// </summary>
/// <remarks>
/// The services run with short retry back-offs (dead-lettering takes well under a second), a 6 s Kafka session
/// timeout (the embedded broker waits out session timeouts on rebalances) and one ETA update per second. Every
/// process is killed with its whole tree at tear-down, also when the set-up fails half way.
/// </remarks>
[SetUpFixture]
public sealed class Platform
{
    /// <summary>Retries after the first attempt before a record is dead-lettered.</summary>
    public const int RetryLimit = 2;

    /// <summary>A bound for seven .NET processes starting at once on a loaded two-core machine, not an expectation.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private static Platform? _current;

    private readonly Dictionary<ServiceSpec, ServiceProcess> _services = [];
    private readonly Dictionary<ServiceSpec, Dictionary<string, string>> _environments = [];
    private readonly Dictionary<ServiceSpec, HttpClient> _clients = [];
    private readonly Dictionary<ServiceSpec, int> _ports = [];
    private PostgresServer? _postgres;
    private ITestKafka? _kafka;
    private Smtp4devServer? _smtp;

    /// <summary>The running platform; fails with a clear message when its set-up did not complete.</summary>
    public static Platform Current =>
        _current ?? throw new InvalidOperationException("The platform is not running: its set-up failed (see the OneTimeSetUp error).");

    /// <summary>The running platform, or null before its set-up completed and after its tear-down.</summary>
    public static Platform? Running => _current;

    /// <summary>The key query-api's <c>/api/admin</c> endpoints require in <c>X-Api-Key</c> (fresh per run).</summary>
    public string AdminApiKey { get; } = "e2e-" + Guid.NewGuid().ToString("N");

    public string LogDirectory { get; } = Path.Combine(TestContext.CurrentContext.WorkDirectory, "e2e-logs");

    public IEnumerable<ServiceProcess> Services => _services.Values;

    /// <summary>The Kafka every service of this run talks to, for reading topics as an outside client.</summary>
    public string KafkaBootstrapServers =>
        _kafka?.BootstrapServers ?? throw new InvalidOperationException("The platform's Kafka is not running.");

    /// <summary>The SMTP server notification-service writes to, and its API for reading what arrived.</summary>
    public Smtp4devServer Smtp => _smtp ?? throw new InvalidOperationException("The platform's SMTP server is not running.");

    /// <summary>
    /// Where the local drivers of <see cref="EnvironmentFor"/> wait, far from the Paris fleet: an order delivered here
    /// gets one of them at zero distance and is delivered at the next tick, in seconds rather than the minutes a Paris
    /// delivery takes at real-time speed.
    /// </summary>
    public static GeoPoint NearbyDriversAt { get; } = new(45.7640, 4.8357);

    /// <summary>Marseille's Vieux-Port: outside delivery-service's service area in this run, so a paid order there fails delivery.</summary>
    public static GeoPoint OutsideServiceArea { get; } = new(43.2951, 5.3739);

    public HttpClient Client(ServiceSpec service) => _clients[service];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var started = Stopwatch.StartNew();
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
        try
        {
            // Before anything starts: a missing build is the most likely failure and needs no clean-up.
            var assemblies = ServiceSpec.All.ToDictionary(s => s, s => BuildOutput.ServiceAssembly(s.Project));

            _kafka = await TestKafka.StartAsync();
            _postgres = await TestPostgres.StartServerAsync(CancellationToken.None);
            _smtp = await Smtp4devServer.StartAsync();

            var ports = FreePorts.Pick(ServiceSpec.All.Count);
            foreach (var (spec, port) in ServiceSpec.All.Zip(ports))
            {
                _ports[spec] = port;
            }

            foreach (var (spec, port) in ServiceSpec.All.Zip(ports))
            {
                var database = await _postgres.CreateDatabaseAsync(spec.DatabasePrefix, CancellationToken.None);
                _environments[spec] = EnvironmentFor(spec, port, database, _kafka.BootstrapServers);
                var process = new ServiceProcess(spec.Name, assemblies[spec], port, new ServiceLog(Path.Combine(LogDirectory, spec.Name + ".log")));
                _services[spec] = process;
                _clients[spec] = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            }

            foreach (var spec in ServiceSpec.All)
            {
                _services[spec].Start(_environments[spec]);
            }

            await ServiceProcesses.WaitUntilAllReadyAsync(_services.Values, ReadyTimeout);
            _current = this;
            TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"e2e: platform ready in {started.Elapsed.TotalSeconds:F1} s ({BuildOutput.Configuration} build; Kafka {_kafka.BootstrapServers}; " +
                $"PostgreSQL {_postgres.Host}:{_postgres.Port}; logs in {LogDirectory})"));
        }
        catch
        {
            // NUnit skips the tear-down of a set-up that threw: nothing may outlive the failure.
            await StopAsync();
            throw;
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _current = null;
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        await Task.WhenAll(_services.Values.Select(s => Task.Run(s.Dispose)));
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        foreach (var log in _services.Values.Select(s => s.Log))
        {
            log.Dispose();
        }

        _services.Clear();
        _clients.Clear();
        if (_kafka is not null)
        {
            await _kafka.DisposeAsync();
            _kafka = null;
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
            _postgres = null;
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
            _smtp = null;
        }
    }

    /// <summary>
    /// Stops <paramref name="service"/> (SIGTERM) and starts it again with <paramref name="overrides"/> on top of its
    /// platform settings (null: exactly the platform settings), then waits until it is ready. Same port, same database.
    /// </summary>
    public async Task RestartAsync(ServiceSpec service, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var process = _services[service];
        await process.StopAsync();
        var environment = new Dictionary<string, string>(_environments[service], StringComparer.Ordinal);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        process.Start(environment);
        await process.WaitUntilReadyAsync(ReadyTimeout, CancellationToken.None);
    }

    /// <summary>
    /// Stops <paramref name="service"/> (SIGTERM) until the returned handle is disposed, which starts it again with its
    /// platform settings and waits until it is ready: for a test that needs an order to wait at a step.
    /// </summary>
    public async Task<IAsyncDisposable> PauseAsync(ServiceSpec service)
    {
        var process = _services[service];
        await process.StopAsync();
        return new Resumption(async () =>
        {
            process.Start(_environments[service]);
            await process.WaitUntilReadyAsync(ReadyTimeout, CancellationToken.None);
        });
    }

    private Dictionary<string, string> EnvironmentFor(ServiceSpec spec, int port, string database, string bootstrapServers)
    {
        var environment = ServiceEnvironment.Base(port, database, bootstrapServers);
        environment["Retry__Limit"] = RetryLimit.ToString(CultureInfo.InvariantCulture);
        environment["Retry__MinInterval"] = "00:00:00.050";
        environment["Retry__MaxInterval"] = "00:00:00.250";
        environment["Retry__IntervalDelta"] = "00:00:00.050";
        // As compose and Kubernetes run them: one compact JSON object per line (the logging tests read these lines).
        environment["Logging__Format"] = "json";

        if (spec == ServiceSpec.OrderService || spec == ServiceSpec.InventoryService)
        {
            // query-api's pages call these two from the browser (decision 0020).
            environment["Cors__AllowedOrigins__0"] = UrlOf(ServiceSpec.QueryApi);
        }

        if (spec == ServiceSpec.QueryApi)
        {
            environment["Admin__ApiKey"] = AdminApiKey;
            environment["Ui__OrderServiceUrl"] = UrlOf(ServiceSpec.OrderService);
            environment["Ui__InventoryServiceUrl"] = UrlOf(ServiceSpec.InventoryService);
        }
        else if (spec == ServiceSpec.DeliveryService)
        {
            // Real-time driving speed keeps every delivery of the run on the road; ETA updates come each second.
            environment["Delivery__EtaInterval"] = "00:00:01";
            environment["Delivery__TimeScale"] = "1";
            // Paris and Lyon inside (both about 200 km from the centre), Marseille (467 km) outside: see OutsideServiceArea.
            environment["Delivery__ServiceArea__Latitude"] = "47.31";
            environment["Delivery__ServiceArea__Longitude"] = "3.59";
            environment["Delivery__ServiceArea__RadiusKm"] = "250";
            // Appended to the six of appsettings.json (indexes 0-5); three, so that a Paris order that finds every Paris
            // driver busy and takes one of them still leaves the nearby orders theirs.
            for (var i = 0; i < 3; i++)
            {
                var index = (6 + i).ToString(CultureInfo.InvariantCulture);
                environment[$"Delivery__Drivers__{index}__Id"] = $"driver-nearby-{i + 1}";
                environment[$"Delivery__Drivers__{index}__Latitude"] = NearbyDriversAt.Latitude.ToString(CultureInfo.InvariantCulture);
                environment[$"Delivery__Drivers__{index}__Longitude"] = NearbyDriversAt.Longitude.ToString(CultureInfo.InvariantCulture);
            }
        }
        else if (spec == ServiceSpec.NotificationService)
        {
            environment["Notification__Smtp__Host"] = Smtp.Host;
            environment["Notification__Smtp__Port"] = Smtp.SmtpPort.ToString(CultureInfo.InvariantCulture);
        }
        else if (spec == ServiceSpec.PaymentService)
        {
            environment["Payment__Gateway__TransientFailureRate"] = "0";
        }

        return environment;
    }

    /// <summary>The service's base URL as a browser on this machine reaches it (also the UI's origin for query-api).</summary>
    public string UrlOf(ServiceSpec service) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_ports[service]}");

    private void KillOnExit(object? sender, EventArgs e)
    {
        foreach (var service in _services.Values)
        {
            service.Kill();
        }
    }

    private sealed class Resumption(Func<Task> resume) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await resume();
    }
}
