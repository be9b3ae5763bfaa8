using System.Text.RegularExpressions;
using Fulfillment.Deployment.Tests.Docker;
using Fulfillment.Deployment.Tests.Support;
using Fulfillment.Messages;
using Fulfillment.Messaging.Kafka;
using NUnit.Framework;

namespace Fulfillment.Deployment.Tests.Compose;

/// <summary>compose.yaml against the code: what `docker compose up` starts must be what the services expect.</summary>
public sealed partial class ComposeTests
{
    private ComposeFile _compose = null!;

    [OneTimeSetUp]
    public void LoadCompose() => _compose = ComposeFile.Load();

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_service_is_built_from_its_own_project_with_the_port_of_its_settings(string name)
    {
        var contract = Design.Named(name);
        var service = _compose.Service(name);
        var build = service["build"].AsMapping();
        var port = AppSettings.Of(contract).Port;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(build["dockerfile"].Text, Is.EqualTo(Dockerfile.Path));
            Assert.That(build["context"].Text, Is.EqualTo("."));
            Assert.That(build["args"]["SERVICE"].Text, Is.EqualTo(contract.Project));
            Assert.That(File.Exists(contract.ProjectFile), Is.True, contract.ProjectFile);
            Assert.That(build["args"]["PORT"].Text, Is.EqualTo(port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                "the image's EXPOSE and HEALTHCHECK use PORT");
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_service_publishes_and_health_checks_the_port_its_settings_listen_on(string name)
    {
        var service = _compose.Service(name);
        var port = AppSettings.Of(Design.Named(name)).Port;
        var published = service["ports"].AsSequence().Items.Select(p => ComposeFile.Interpolate(p.Text!)).ToList();
        var healthcheck = string.Join(' ', service["healthcheck"]["test"].AsSequence().Items.Select(i => i.Text));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(published, Is.EqualTo(new[] { $"{port}:{port}" }), "host port = container port = the Urls port");
            Assert.That(healthcheck, Does.Contain($"http://127.0.0.1:{port}/health/ready"));
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_service_uses_its_own_database_on_the_compose_postgres(string name)
    {
        var contract = Design.Named(name);
        var environment = ComposeFile.Environment(_compose.Service(name));
        var connectionString = ComposeFile.Interpolate(environment["ConnectionStrings__Database"]!);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(AppSettings.DatabaseOf(connectionString), Is.EqualTo(contract.Database));
            Assert.That(AppSettings.HostOf(connectionString), Is.EqualTo("postgres"));
            Assert.That(_compose.Services.Has("postgres"), Is.True);
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_service_logs_compact_json_unless_told_otherwise(string name) =>
        Assert.That(ComposeFile.Interpolate(ComposeFile.Environment(_compose.Service(name))["Logging__Format"]!), Is.EqualTo("json"));

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void Every_environment_variable_of_a_service_sets_a_configuration_key_it_reads(string name)
    {
        var keys = ConfigurationKeys.Of(Design.Named(name));
        var environment = ComposeFile.Environment(_compose.Service(name));
        var unknown = environment.Keys
            .Where(variable => !ConfigurationKeys.IsHostVariable(variable))
            .Where(variable => !keys.Contains(ConfigurationKeys.FromEnvironmentVariable(variable)))
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unknown, Is.Empty, "variables the service would silently ignore");
            Assert.That(environment.Keys, Does.Contain("ConnectionStrings__Database").And.Contain("Kafka__BootstrapServers"));
        }
    }

    [Test]
    public void Only_query_api_gets_the_admin_key_and_it_defaults_to_a_placeholder_to_change()
    {
        var holders = Design.Services.Where(s => ComposeFile.Environment(_compose.Service(s.Name)).ContainsKey("Admin__ApiKey"))
            .Select(s => s.Name);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(holders, Is.EqualTo(new[] { "query-api" }));
            Assert.That(ComposeFile.Environment(_compose.Service("query-api"))["Admin__ApiKey"], Is.EqualTo("${ADMIN_API_KEY:-change-me}"));
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_service_reaches_kafka_through_a_listener_the_broker_advertises_inside_the_network(string name)
    {
        var bootstrap = ComposeFile.Environment(_compose.Service(name))["Kafka__BootstrapServers"];
        var advertised = AdvertisedListeners();

        Assert.That(advertised["INTERNAL"], Is.EqualTo(bootstrap));
    }

    [Test]
    public void The_broker_is_reachable_from_the_host_at_the_address_the_services_default_to()
    {
        // A service started with `dotnet run` (the chassis's default, which no appsettings.json repeats) must find
        // compose's Kafka.
        var kafka = _compose.Service("kafka");
        var external = AdvertisedListeners()["EXTERNAL"];
        var listeners = ComposeFile.Environment(kafka)["KAFKA_LISTENERS"]!;
        var externalPort = ListenerAddress().Matches(listeners).Single(m => m.Groups["name"].Value == "EXTERNAL").Groups["port"].Value;
        var published = kafka["ports"].AsSequence().Items.Select(p => ComposeFile.Interpolate(p.Text!));
        var overrides = Design.Services.Where(s => AppSettings.Of(s).Values.ContainsKey("Kafka:BootstrapServers")).Select(s => s.Name);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new KafkaOptions().BootstrapServers, Is.EqualTo(Design.DefaultKafka), "the chassis's default");
            Assert.That(overrides, Is.Empty, "services whose appsettings.json repeat the Kafka address");
            Assert.That(external, Is.EqualTo(Design.DefaultKafka));
            Assert.That(published, Does.Contain($"{Design.DefaultKafka.Split(':')[1]}:{externalPort}"));
        }
    }

    [Test]
    public void Kafka_init_creates_exactly_the_topics_of_the_contract()
    {
        var topics = TopicList(ComposeFile.Environment(_compose.Service("kafka-init"))["TOPICS"]);

        Assert.That(topics, Is.EquivalentTo(Topics.All).And.Unique);
    }

    [Test]
    public void Kafka_init_and_the_services_agree_on_partitions_and_replication()
    {
        var init = ComposeFile.Environment(_compose.Service("kafka-init"));
        var services = Design.Services.Select(s => ComposeFile.Environment(_compose.Service(s.Name))).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(init["PARTITIONS"], Is.EqualTo("${KAFKA_PARTITIONS:-6}"));
            Assert.That(init["REPLICATION_FACTOR"], Is.EqualTo("${KAFKA_REPLICATION:-1}"));
            Assert.That(services.Select(e => e["Kafka__Partitions"]).Distinct(), Is.EqualTo(new[] { init["PARTITIONS"] }));
            Assert.That(services.Select(e => e["Kafka__ReplicationFactor"]).Distinct(), Is.EqualTo(new[] { init["REPLICATION_FACTOR"] }));
            Assert.That(services.Select(e => e["Kafka__CreateTopics"]).Distinct(), Is.EqualTo(new[] { "false" }),
                "kafka-init owns the topics");
        }
    }

    [Test]
    public void The_topic_command_uses_the_variables_kafka_init_sets()
    {
        var init = _compose.Service("kafka-init");
        var script = string.Join('\n', init["command"].AsSequence().Items.Select(i => i.Text));
        var environment = ComposeFile.Environment(init);
        var used = ShellVariable().Matches(script).Select(m => m.Groups["name"].Value).Distinct();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(used, Is.SubsetOf(environment.Keys.Append("topic")));
            Assert.That(script, Does.Contain("--if-not-exists"));
            Assert.That(init["depends_on"]["kafka"]["condition"].Text, Is.EqualTo("service_healthy"));
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_service_starts_only_after_postgres_is_healthy_and_the_topics_exist(string name)
    {
        var dependsOn = _compose.Service(name)["depends_on"].AsMapping();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(dependsOn["postgres"]["condition"].Text, Is.EqualTo("service_healthy"));
            Assert.That(dependsOn["kafka-init"]["condition"].Text, Is.EqualTo("service_completed_successfully"));
            Assert.That(_compose.Service("postgres").Has("healthcheck"), Is.True);
            Assert.That(_compose.Service("kafka").Has("healthcheck"), Is.True);
        }
    }

    [Test]
    public void Postgres_creates_one_database_per_service_from_the_mounted_init_scripts()
    {
        var volumes = _compose.Service("postgres")["volumes"].AsSequence().Items.Select(v => v.Text!).ToList();
        var mount = volumes.Single(v => v.Contains(":/docker-entrypoint-initdb.d", StringComparison.Ordinal));
        var directory = mount.Split(':')[0];
        var created = Repository.SourceFiles(Repository.PathOf(directory), "*.sql")
            .SelectMany(file => CreateDatabase().Matches(File.ReadAllText(file)).Select(m => m.Groups["name"].Value))
            .ToList();

        Assert.That(created, Is.EquivalentTo(Design.Services.Select(s => s.Database)));
    }

    [Test]
    public void Compose_runs_the_seven_services_and_nothing_unexpected()
    {
        Assert.That(_compose.Services.Keys,
            Is.EquivalentTo(Design.Services.Select(s => s.Name).Concat(["kafka", "kafka-init", "postgres", "prometheus", "grafana", "smtp4dev"])));
    }

    [Test]
    public void Notification_service_mails_through_the_smtp4dev_it_waits_for_on_the_port_smtp4dev_listens_on()
    {
        var notification = ComposeFile.Environment(_compose.Service("notification-service"));
        var host = notification["Notification__Smtp__Host"]!;
        var smtp4dev = _compose.Service("smtp4dev");
        var listens = ComposeFile.Environment(smtp4dev)["ServerOptions__Port"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(host, Is.EqualTo("smtp4dev"), "the compose service's DNS name");
            Assert.That(notification["Notification__Smtp__Port"], Is.EqualTo(listens));
            Assert.That(_compose.Service("notification-service")["depends_on"].AsMapping().Has(host), Is.True);
            Assert.That(smtp4dev["image"].Text, Does.Match(@"^rnwood/smtp4dev:\d+\.\d+\.\d+$"), "the official image, pinned");
        }
    }

    [Test]
    public void Smtp4dev_is_published_where_a_notification_service_on_the_host_looks_for_it_by_default()
    {
        // Issue #13: SMTP on localhost:2525 (notification-service's own default, so `dotnet run` finds it), web UI and
        // API on localhost:5025, as with the local launcher's smtp4dev.
        var smtp4dev = _compose.Service("smtp4dev");
        var environment = ComposeFile.Environment(smtp4dev);
        var smtpPort = environment["ServerOptions__Port"];
        var webPort = AppSettings.PortOf(environment["ServerOptions__Urls"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var published = smtp4dev["ports"].AsSequence().Items.Select(p => ComposeFile.Interpolate(p.Text!)).ToList();
        var defaultPort = AppSettings.Of(Design.Named("notification-service")).Values["Notification:Smtp:Port"];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(defaultPort, Is.EqualTo("2525"));
            Assert.That(published, Is.EquivalentTo(new[] { $"127.0.0.1:{defaultPort}:{smtpPort}", $"127.0.0.1:5025:{webPort}" }),
                "loopback only: whoever reaches smtp4dev reads every email");
        }
    }

    /// <summary>The topics of a whitespace-separated TOPICS value.</summary>
    internal static IReadOnlyList<string> TopicList(string? value) =>
        (value ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private Dictionary<string, string> AdvertisedListeners()
    {
        var advertised = ComposeFile.Interpolate(ComposeFile.Environment(_compose.Service("kafka"))["KAFKA_ADVERTISED_LISTENERS"]!);
        return ListenerAddress().Matches(advertised)
            .ToDictionary(m => m.Groups["name"].Value, m => $"{m.Groups["host"].Value}:{m.Groups["port"].Value}", StringComparer.Ordinal);
    }

    [GeneratedRegex("(?<name>[A-Z_]+)://(?<host>[^:,]*):(?<port>[0-9]+)")]
    private static partial Regex ListenerAddress();

    [GeneratedRegex(@"\$\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ShellVariable();

    [GeneratedRegex(@"CREATE\s+DATABASE\s+(?<name>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateDatabase();
}
