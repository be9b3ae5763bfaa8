using System.Globalization;
using System.Text.RegularExpressions;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;

namespace Fulfillment.LoadBenchmark;

/// <summary>
/// The platform as users run it (deploy/scripts/run.sh): the embedded Kafka as its own process, one private durable
/// PostgreSQL with a database per service, and the services as separate processes from their build output, the
/// consuming ones (inventory, payment, delivery) in <see cref="LoadOptions.Instances"/> processes each (same database,
/// same consumer group, own port). Every process is killed when this is disposed, or when the benchmark exits.
/// </summary>
public sealed partial class LocalPlatform : IAsyncDisposable
{
    private const string EmbeddedKafkaProject = "Fulfillment.EmbeddedKafka";
    /// <summary>Units each of the load's generated SKUs starts with: enough that no order of a run is rejected for stock.</summary>
    public const int GeneratedUnitsPerSku = 100_000_000;

    private const int Partitions = 6;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);

    private readonly List<ServiceProcess> _processes = [];
    private readonly List<ServiceLog> _logs = [];
    private readonly List<(ServiceSpec Spec, ServiceProcess Process)> _started = [];
    private readonly List<MeasuredProcess> _measured = [];
    private readonly Dictionary<string, string> _databases = new(StringComparer.Ordinal);
    private readonly Dictionary<ServiceSpec, string> _assemblies = [];
    private readonly Dictionary<ServiceProcess, Dictionary<string, string>> _environments = [];
    private readonly string _logDirectory;
    private PostgresServer? _postgres;

    private LocalPlatform(string logDirectory)
    {
        _logDirectory = logDirectory;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;
    }

    /// <summary>The services that consume Kafka records and can run as several instances.</summary>
    public static IReadOnlyList<ServiceSpec> Scalable { get; } =
        [ServiceSpec.InventoryService, ServiceSpec.PaymentService, ServiceSpec.DeliveryService];

    /// <summary>The embedded Kafka's bootstrap address, once <see cref="StartInfrastructureAsync"/> has returned.</summary>
    public string KafkaBootstrapServers { get; private set; } = string.Empty;

    /// <summary>The embedded Kafka's fault-injection API (its <c>--admin-port</c>), for the fault suite.</summary>
    public Uri KafkaAdminUrl { get; private set; } = new("http://127.0.0.1");

    public PostgresServer Postgres => _postgres ?? throw new InvalidOperationException("PostgreSQL is not started.");

    /// <summary>The broker's process and every service instance started so far, for CPU and log checks.</summary>
    public IReadOnlyList<MeasuredProcess> Measured => _measured;

    /// <summary>Service name → connection string of its database, for the services started so far.</summary>
    public IReadOnlyDictionary<string, string> Databases => _databases;

    /// <summary>The whole platform: Kafka, PostgreSQL and every service (the consuming ones in <see cref="LoadOptions.Instances"/>).</summary>
    public static async Task<(LocalPlatform Platform, RunningPlatform Running)> StartAsync(LoadOptions options, string logDirectory)
    {
        var platform = await StartInfrastructureAsync(logDirectory);
        return await platform.OrDisposeAsync(async () =>
        {
            await platform.StartServicesAsync(options, ServiceSpec.All);
            Uri UrlOf(ServiceSpec spec) => platform._started.First(s => s.Spec == spec).Process.BaseAddress;
            var description = platform.Layout(options) +
                (options.Instances > 1 ? " (order-service and query-api stay at one instance)" : string.Empty);
            return (platform, new RunningPlatform(UrlOf(ServiceSpec.OrderService), UrlOf(ServiceSpec.QueryApi), platform.Postgres, platform._databases,
                platform.KafkaBootstrapServers, platform._measured, description));
        });
    }

    /// <summary>The embedded Kafka and the durable PostgreSQL only; <see cref="StartServicesAsync"/> adds services.</summary>
    public static async Task<LocalPlatform> StartInfrastructureAsync(string logDirectory)
    {
        var platform = new LocalPlatform(logDirectory);
        return await platform.OrDisposeAsync(async () =>
        {
            await platform.StartInfrastructureCoreAsync();
            return platform;
        });
    }

    /// <summary>How many instances of each service started, for the report (<c>inventory-service × 1, ...</c>).</summary>
    public string Layout(LoadOptions options) =>
        string.Join(", ", _started.Select(s => s.Spec).Distinct().Select(s => $"{s.Name} × {InstancesOf(s, options)}"));

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        // Services first (SIGTERM: they leave their groups cleanly), the broker last.
        await Task.WhenAll(_processes.Skip(1).Select(p => Task.Run(p.StopAsync)));
        if (_processes.Count > 0)
        {
            await _processes[0].StopAsync();
        }

        foreach (var process in _processes)
        {
            process.Dispose();
        }

        foreach (var log in _logs)
        {
            log.Dispose();
        }

        _processes.Clear();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
            _postgres = null;
        }
    }

    /// <summary>
    /// Starts <paramref name="specs"/> (each a database of its own; the consuming ones in <see cref="LoadOptions.Instances"/>
    /// processes) and waits until every instance is ready.
    /// </summary>
    public async Task StartServicesAsync(LoadOptions options, IReadOnlyList<ServiceSpec> specs)
    {
        var layout = specs.SelectMany(s => Enumerable.Range(1, InstancesOf(s, options)).Select(i => (Spec: s, Instance: i))).ToList();
        var ports = FreePorts.Pick(layout.Count);
        foreach (var spec in specs)
        {
            _databases[spec.Name] = await Postgres.CreateDatabaseAsync(spec.DatabasePrefix, CancellationToken.None);
        }

        var services = new List<ServiceProcess>();
        foreach (var ((spec, instance), port) in layout.Zip(ports))
        {
            var name = InstancesOf(spec, options) == 1 ? spec.Name : $"{spec.Name}-{instance}";
            var process = new ServiceProcess(name, _assemblies[spec], port, NewLog(name));
            _processes.Add(process);
            services.Add(process);
            _started.Add((spec, process));
            _measured.Add(new MeasuredProcess(name, spec.Name, () => process.ProcessId, process.Log.Path));
            _environments[process] = EnvironmentFor(spec, port, _databases[spec.Name], KafkaBootstrapServers, options);
            process.Start(_environments[process]);
        }

        await ServiceProcesses.WaitUntilAllReadyAsync(services, ReadyTimeout);
    }

    /// <summary>The service instance named <paramref name="name"/> (<c>inventory-service</c>, or <c>inventory-service-2</c> with several instances).</summary>
    public ServiceProcess Instance(string name) =>
        _started.Select(s => s.Process).FirstOrDefault(p => p.Name == name)
            ?? throw new ArgumentException($"No service instance named '{name}' (started: {string.Join(", ", _started.Select(s => s.Process.Name))}).", nameof(name));

    /// <summary>Starts a stopped or killed instance again with its own command line and settings, and waits until it is ready.</summary>
    public async Task RestartAsync(ServiceProcess instance, CancellationToken cancellationToken)
    {
        instance.Start(_environments[instance]);
        await instance.WaitUntilReadyAsync(ReadyTimeout, cancellationToken);
    }

    private async Task StartInfrastructureCoreAsync()
    {
        // A missing build is the likeliest failure: find every assembly before starting anything.
        var kafkaAssembly = BuildOutput.ServiceAssembly(EmbeddedKafkaProject);
        foreach (var spec in ServiceSpec.All)
        {
            _assemblies[spec] = BuildOutput.ServiceAssembly(spec.Project);
        }

        var ports = FreePorts.Pick(2);
        var port = ports[0];
        var kafka = new ServiceProcess("embedded-kafka", kafkaAssembly, port, NewLog("embedded-kafka"),
            ["--port", Invariant(port), "--partitions", Invariant(Partitions), "--admin-port", Invariant(ports[1])]);
        _processes.Add(kafka);
        kafka.Start(new Dictionary<string, string>());
        await kafka.WaitUntilLoggedAsync("embedded-kafka ready", ReadyTimeout, CancellationToken.None);
        KafkaBootstrapServers = Bootstrap().Match(kafka.Log.Tail(50)) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException($"No bootstrap address in {kafka.Log.Path}.");
        KafkaAdminUrl = new Uri(Invariant($"http://127.0.0.1:{ports[1]}"));
        _measured.Add(new MeasuredProcess("embedded-kafka", "embedded-kafka", () => kafka.ProcessId, kafka.Log.Path));

        _postgres = await PostgresServer.StartAsync(new PostgresServerOptions { Durable = true }, CancellationToken.None);
    }

    /// <summary>Runs <paramref name="start"/>; if it fails, stops whatever it had started and rethrows.</summary>
    private async Task<T> OrDisposeAsync<T>(Func<Task<T>> start)
    {
        try
        {
            return await start();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private static int InstancesOf(ServiceSpec spec, LoadOptions options) => Scalable.Contains(spec) ? options.Instances : 1;

    private static Dictionary<string, string> EnvironmentFor(ServiceSpec spec, int port, string database, string bootstrap, LoadOptions options)
    {
        var environment = ServiceEnvironment.Base(port, database, bootstrap);
        if (spec == ServiceSpec.InventoryService)
        {
            environment["Inventory__Generated__Count"] = Invariant(options.Skus);
            environment["Inventory__Generated__Units"] = Invariant(GeneratedUnitsPerSku);
        }
        else if (spec == ServiceSpec.DeliveryService)
        {
            environment["Delivery__Fleet__Size"] = Invariant(options.Drivers);
            environment["Delivery__Fleet__Latitude"] = Invariant(options.FleetLatitude);
            environment["Delivery__Fleet__Longitude"] = Invariant(options.FleetLongitude);
            environment["Delivery__Fleet__RadiusKm"] = Invariant(options.FleetRadiusKm);
            environment["Delivery__TimeScale"] = Invariant(options.TimeScale);
            environment["Delivery__EtaInterval"] = options.EtaInterval;
            // Simulated time: at the default 2,000× the 10-minute default would fail every order that waits 0.3 s for a
            // driver behind a burst. A day is about 43 s of real waiting: a run measures throughput, not give-ups.
            environment["Delivery__AssignmentTimeout"] = "1.00:00:00";
        }
        else if (spec == ServiceSpec.PaymentService)
        {
            environment["Payment__Gateway__TransientFailureRate"] = Invariant(options.TransientFailureRate);
        }

        return environment;
    }

    private ServiceLog NewLog(string name)
    {
        var log = new ServiceLog(Path.Combine(_logDirectory, name + ".log"));
        _logs.Add(log);
        return log;
    }

    private void KillOnExit(object? sender, EventArgs e)
    {
        foreach (var process in _processes)
        {
            process.Kill();
        }
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"embedded-kafka ready bootstrap=(\S+)")]
    private static partial Regex Bootstrap();
}
