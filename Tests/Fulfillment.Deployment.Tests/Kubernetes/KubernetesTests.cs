using System.Globalization;
using Fulfillment.Deployment.Tests.Compose;
using Fulfillment.Deployment.Tests.Support;
using Fulfillment.Deployment.Tests.Yaml;
using Fulfillment.Messages;
using NUnit.Framework;

namespace Fulfillment.Deployment.Tests.Kubernetes;

/// <summary>deploy/k8s against the code: ports, probes, configuration keys, secrets and topics.</summary>
public sealed class KubernetesTests
{
    private KubernetesManifests _manifests = null!;
    private YamlMapping _secret = null!;

    [OneTimeSetUp]
    public void LoadManifests()
    {
        _manifests = KubernetesManifests.Load();
        _secret = KubernetesManifests.SecretExample();
    }

    [Test]
    public void The_kustomization_lists_every_manifest_but_the_secret_example()
    {
        var files = Directory.EnumerateFiles(Repository.PathOf(KubernetesManifests.Directory), "*.yaml")
            .Select(Path.GetFileName)
            .Where(file => file is not ("kustomization.yaml" or "secret.example.yaml"));

        Assert.That(KubernetesManifests.Resources(_manifests.Kustomization), Is.EquivalentTo(files));
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_deployment_and_its_service_expose_the_port_its_settings_listen_on(string name)
    {
        var port = AppSettings.Of(Design.Named(name)).Port.ToString(CultureInfo.InvariantCulture);
        var container = KubernetesManifests.Container(_manifests.Named("Deployment", name));
        var containerPort = container["ports"].AsSequence().Items.Single().AsMapping();
        var servicePort = _manifests.Named("Service", name)["spec"]["ports"].AsSequence().Items.Single().AsMapping();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(containerPort["containerPort"].Text, Is.EqualTo(port));
            Assert.That(servicePort["port"].Text, Is.EqualTo(port), "in-cluster address = <name>:<port>, as in compose");
            Assert.That(servicePort["targetPort"].Text, Is.AnyOf(containerPort["name"].Text, port));
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_service_selects_the_pods_of_its_deployment(string name)
    {
        var deployment = _manifests.Named("Deployment", name);
        var selector = _manifests.Named("Service", name)["spec"]["selector"].AsMapping();
        var podLabels = deployment["spec"]["template"]["metadata"]["labels"].AsMapping();
        var matchLabels = deployment["spec"]["selector"]["matchLabels"].AsMapping();

        using (Assert.EnterMultipleScope())
        {
            foreach (var (label, value) in selector.Entries.Concat(matchLabels.Entries))
            {
                Assert.That(podLabels.Find(label)?.Text, Is.EqualTo(value.Text), label);
            }
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void Probes_use_the_chassis_health_endpoints_on_the_container_port(string name)
    {
        var container = KubernetesManifests.Container(_manifests.Named("Deployment", name));
        var portName = container["ports"].AsSequence().Items.Single()["name"].Text;
        var port = AppSettings.Of(Design.Named(name)).Port.ToString(CultureInfo.InvariantCulture);

        using (Assert.EnterMultipleScope())
        {
            foreach (var (probe, path) in new[] { ("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready"), ("startupProbe", "/health/live") })
            {
                var httpGet = container[probe]["httpGet"].AsMapping();
                Assert.That(httpGet["path"].Text, Is.EqualTo(path), probe);
                Assert.That(httpGet["port"].Text, Is.AnyOf(portName, port), probe);
            }
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_deployment_sets_resource_requests_and_limits_and_runs_as_non_root(string name)
    {
        var deployment = _manifests.Named("Deployment", name);
        var container = KubernetesManifests.Container(deployment);

        using (Assert.EnterMultipleScope())
        {
            foreach (var kind in new[] { "requests", "limits" })
            {
                Assert.That(container["resources"][kind].AsMapping().Keys, Is.SupersetOf(new[] { "cpu", "memory" }), kind);
            }

            Assert.That(deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"].Text, Is.EqualTo("true"));
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void Every_environment_variable_of_a_deployment_sets_a_configuration_key_it_reads(string name)
    {
        var keys = ConfigurationKeys.Of(Design.Named(name));
        var container = KubernetesManifests.Container(_manifests.Named("Deployment", name));
        var variables = KubernetesManifests.Env(container).Keys
            .Concat(KubernetesManifests.EnvFromConfigMaps(container).SelectMany(ConfigMapKeys))
            .ToList();
        var unknown = variables
            .Where(variable => !ConfigurationKeys.IsHostVariable(variable))
            .Where(variable => !keys.Contains(ConfigurationKeys.FromEnvironmentVariable(variable)))
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unknown, Is.Empty, "variables the service would silently ignore");
            Assert.That(variables, Does.Contain("ConnectionStrings__Database").And.Contain("Kafka__BootstrapServers"));
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void The_connection_string_comes_from_the_secret_and_names_the_service_database(string name)
    {
        var container = KubernetesManifests.Container(_manifests.Named("Deployment", name));
        var reference = KubernetesManifests.Env(container)["ConnectionStrings__Database"]["valueFrom"]["secretKeyRef"].AsMapping();
        var connectionString = SecretValue(reference);

        Assert.That(AppSettings.DatabaseOf(connectionString), Is.EqualTo(Design.Named(name).Database));
    }

    [Test]
    public void Only_query_api_gets_the_admin_key_and_from_the_secret()
    {
        var holders = Design.Services
            .Where(s => KubernetesManifests.Env(KubernetesManifests.Container(_manifests.Named("Deployment", s.Name))).ContainsKey("Admin__ApiKey"))
            .Select(s => s.Name);
        var reference = KubernetesManifests.Env(KubernetesManifests.Container(_manifests.Named("Deployment", "query-api")))["Admin__ApiKey"]
            ["valueFrom"]["secretKeyRef"].AsMapping();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(holders, Is.EqualTo(new[] { "query-api" }));
            Assert.That(SecretValue(reference), Is.Not.Empty);
        }
    }

    [Test]
    public void Notification_service_takes_its_relay_from_its_own_config_map_and_optional_credentials_from_the_secret()
    {
        var env = KubernetesManifests.Env(KubernetesManifests.Container(_manifests.Named("Deployment", "notification-service")));
        var holders = Design.Services
            .Where(s => KubernetesManifests.Env(KubernetesManifests.Container(_manifests.Named("Deployment", s.Name))).Keys
                .Any(name => name.StartsWith("Notification__", StringComparison.Ordinal)))
            .Select(s => s.Name);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(holders, Is.EqualTo(new[] { "notification-service" }));
            foreach (var variable in new[] { "Notification__Smtp__Host", "Notification__Smtp__Port", "Notification__Smtp__From" })
            {
                var reference = env[variable]["valueFrom"]["configMapKeyRef"].AsMapping();
                Assert.That(ConfigMapValue(reference["name"].Text!, reference["key"].Text!), Is.Not.Empty, variable);
            }

            foreach (var variable in new[] { "Notification__Smtp__UserName", "Notification__Smtp__Password" })
            {
                var reference = env[variable]["valueFrom"]["secretKeyRef"].AsMapping();
                Assert.That(reference["optional"].Text, Is.EqualTo("true"), $"{variable}: a relay without login needs no key");
                Assert.That(SecretValue(reference), Is.Not.Empty, variable);
            }
        }
    }

    [Test]
    public void The_secret_example_is_an_example()
    {
        var values = _secret["stringData"].AsMapping().Entries.Values.Select(v => v.Text ?? string.Empty);

        Assert.That(values, Has.All.Contains("CHANGE-ME"), "no real credentials in the repository");
    }

    [Test]
    public void The_topics_job_creates_exactly_the_topics_of_the_contract()
    {
        var container = KubernetesManifests.Container(_manifests.Named("Job", "kafka-topics"));
        var topics = ComposeTests.TopicList(KubernetesManifests.Env(container)["TOPICS"]["value"].Text);

        Assert.That(topics, Is.EquivalentTo(Topics.All).And.Unique);
    }

    [Test]
    public void The_topics_job_reads_bootstrap_partitions_and_replication_from_the_services_config_map()
    {
        var container = KubernetesManifests.Container(_manifests.Named("Job", "kafka-topics"));
        var env = KubernetesManifests.Env(container);
        var script = string.Join('\n', container["args"].AsSequence().Items.Select(i => i.Text));
        var configMaps = Design.Services
            .SelectMany(s => KubernetesManifests.EnvFromConfigMaps(KubernetesManifests.Container(_manifests.Named("Deployment", s.Name))))
            .Distinct()
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(configMaps, Has.Count.EqualTo(1), "one shared ConfigMap");
            foreach (var (variable, key) in new[]
            {
                ("BOOTSTRAP_SERVERS", "Kafka__BootstrapServers"),
                ("PARTITIONS", "Kafka__Partitions"),
                ("REPLICATION_FACTOR", "Kafka__ReplicationFactor"),
            })
            {
                var reference = env[variable]["valueFrom"]["configMapKeyRef"].AsMapping();
                Assert.That(reference["name"].Text, Is.EqualTo(configMaps[0]), variable);
                Assert.That(reference["key"].Text, Is.EqualTo(key), variable);
                Assert.That(ConfigMapKeys(configMaps[0]), Does.Contain(key), variable);
                Assert.That(script, Does.Contain("$" + variable), variable);
            }

            Assert.That(script, Does.Contain("--if-not-exists"));
            Assert.That(ConfigMapValue(configMaps[0], "Kafka__CreateTopics"), Is.EqualTo("false"), "the Job owns the topics");
        }
    }

    [Test]
    public void The_services_config_map_switches_logging_to_compact_json() =>
        Assert.That(ConfigMapValue("fulfillment-config", "Logging__Format"), Is.EqualTo("json"));

    [Test]
    public void Every_deployment_image_has_an_entry_in_the_kustomization()
    {
        var images = _manifests.Kustomization["images"].AsSequence().Items.Select(i => i["name"].Text);
        var used = _manifests.OfKind("Deployment").Select(d => KubernetesManifests.Container(d)["image"].Text);

        Assert.That(images, Is.EquivalentTo(used));
    }

    [Test]
    public void Every_object_is_namespaced_by_the_kustomization_into_the_declared_namespace()
    {
        var declared = _manifests.OfKind("Namespace").Single()["metadata"]["name"].Text;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_manifests.Kustomization["namespace"].Text, Is.EqualTo(declared));
            Assert.That(_secret["metadata"]["namespace"].Text, Is.EqualTo(declared));
        }
    }

    private IEnumerable<string> ConfigMapKeys(string name) => _manifests.Named("ConfigMap", name)["data"].AsMapping().Keys;

    private string? ConfigMapValue(string name, string key) => _manifests.Named("ConfigMap", name)["data"][key].Text;

    private string SecretValue(YamlMapping secretKeyRef)
    {
        Assert.That(secretKeyRef["name"].Text, Is.EqualTo(_secret["metadata"]["name"].Text), "the Secret of secret.example.yaml");
        var value = _secret["stringData"].AsMapping().Find(secretKeyRef["key"].Text!);
        Assert.That(value, Is.Not.Null, $"secret.example.yaml has key '{secretKeyRef["key"].Text}'");
        return value!.Text ?? string.Empty;
    }
}
