using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fulfillment.Deployment.Tests.Compose;
using Fulfillment.Deployment.Tests.Kubernetes;
using Fulfillment.Deployment.Tests.Support;
using Fulfillment.Deployment.Tests.Yaml;
using NUnit.Framework;

namespace Fulfillment.Deployment.Tests.Monitoring;

/// <summary>
/// Prometheus, Grafana and the scrape annotations against the code: every service is scraped where it serves
/// <c>/metrics</c>, and the dashboard queries only metrics the services emit.
/// </summary>
public sealed partial class MonitoringTests
{
    private const string PrometheusConfig = "deploy/prometheus/prometheus.yml";
    private const string Dashboard = "deploy/grafana/dashboards/fulfillment.json";
    private const string Datasource = "deploy/grafana/provisioning/datasources/prometheus.yaml";

    /// <summary>Where the platform's own metric names are declared (each file's <c>PrometheusNames</c>).</summary>
    private static readonly string[] PlatformMetricSources =
        ["Services/Fulfillment.Messaging/Telemetry/ChassisMetrics.cs", "Sagas/Monitoring/SagaStateMetrics.cs"];

    /// <summary>
    /// Library metrics the dashboard may use: ASP.NET Core's, the runtime's and Npgsql's, as
    /// Tests/Fulfillment.QueryApi.Tests' MetricsEndpointTests sees them on a running host.
    /// </summary>
    private static readonly string[] LibraryMetrics =
        ["http_server_request_duration_seconds", "dotnet_gc_pause_time_seconds_total", "db_client_operation_duration_seconds"];

    private static readonly string[] HistogramSuffixes = ["_bucket", "_count", "_sum"];

    private ComposeFile _compose = null!;
    private JsonDocument _dashboard = null!;

    [OneTimeSetUp]
    public void Load()
    {
        _compose = ComposeFile.Load();
        _dashboard = JsonDocument.Parse(Repository.Read(Dashboard));
    }

    [OneTimeTearDown]
    public void Dispose() => _dashboard.Dispose();

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void Prometheus_scrapes_the_metrics_endpoint_of_a_service_at_its_compose_address(string name)
    {
        var port = AppSettings.Of(Design.Named(name)).Port.ToString(CultureInfo.InvariantCulture);
        var jobs = YamlLoader.Load(Repository.Read(PrometheusConfig))["scrape_configs"].AsSequence().Items.Select(i => i.AsMapping());
        var job = jobs.SingleOrDefault(j => j["job_name"].Text == name);

        Assert.That(job, Is.Not.Null, $"a scrape job named {name}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(job!["metrics_path"].Text, Is.EqualTo("/metrics"));
            Assert.That(
                job["static_configs"].AsSequence().Items.SelectMany(c => c["targets"].AsSequence().Items.Select(t => t.Text)),
                Is.EqualTo(new[] { $"{name}:{port}" }));
        }
    }

    [Test]
    public void Compose_runs_prometheus_with_that_config_and_grafana_with_the_provisioned_datasource_and_dashboard()
    {
        var prometheus = _compose.Service("prometheus");
        var grafana = _compose.Service("grafana");
        var grafanaVolumes = grafana["volumes"].AsSequence().Items.Select(v => v.Text).ToList();
        var datasource = YamlLoader.Load(Repository.Read(Datasource))["datasources"].AsSequence().Items.Single();
        var panelSources = Panels().Select(p => p.GetProperty("datasource").GetProperty("uid").GetString()).Distinct();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(prometheus["image"].Text, Does.Match(@"^prom/prometheus:v\d+\.\d+\.\d+$"), "an official image, pinned");
            Assert.That(grafana["image"].Text, Does.Match(@"^grafana/grafana:\d+\.\d+\.\d+$"), "an official image, pinned");
            Assert.That(prometheus["volumes"].AsSequence().Items.Select(v => v.Text), Does.Contain($"./{PrometheusConfig}:/etc/prometheus/prometheus.yml:ro"));
            Assert.That(grafanaVolumes, Does.Contain("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro"));
            Assert.That(grafanaVolumes, Does.Contain("./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro"));
            Assert.That(datasource["url"].Text, Is.EqualTo("http://prometheus:9090"));
            Assert.That(panelSources, Is.EqualTo(new[] { datasource["uid"].Text }), "every panel queries the provisioned data source");
        }
    }

    [Test]
    public void The_dashboard_shows_the_funnel_latency_lag_backlog_errors_and_dead_letters()
    {
        var expressions = Expressions().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(expressions, Has.Some.Contains("fulfillment_consumer_event_age_seconds_count"), "order funnel");
            Assert.That(expressions, Has.Some.Contains("histogram_quantile(0.99").And.Contains("fulfillment_consumer_event_age_seconds_bucket"), "p99 per hop");
            Assert.That(expressions, Has.Some.Contains("fulfillment_consumer_lag"));
            Assert.That(expressions, Has.Some.Contains("fulfillment_outbox_backlog"));
            Assert.That(expressions, Has.Some.Contains("fulfillment_consumer_records_failed_total"));
            Assert.That(expressions, Has.Some.Contains("fulfillment_consumer_records_dead_lettered_total"));
        }
    }

    [Test]
    public void The_dashboard_queries_only_metrics_the_services_emit()
    {
        var declared = PlatformMetricSources
            .SelectMany(file => DeclaredName().Matches(Repository.Read(file)).Select(m => m.Groups["name"].Value))
            .Concat(LibraryMetrics)
            .ToHashSet(StringComparer.Ordinal);
        var queried = Expressions()
            .Select(e => LabelLists().Replace(e, " "))
            .SelectMany(e => MetricName().Matches(e).Select(m => m.Value))
            .Distinct()
            .ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(declared, Has.Some.StartsWith("fulfillment_"), "the declared names were found in the sources");
            Assert.That(queried, Is.Not.Empty);
            Assert.That(queried.Where(name => !declared.Contains(name) && !declared.Contains(WithoutHistogramSuffix(name))), Is.Empty);
        }
    }

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void A_deployment_asks_to_be_scraped_on_its_container_port_at_the_metrics_path(string name)
    {
        var deployment = KubernetesManifests.Load().Named("Deployment", name);
        var annotations = deployment["spec"]["template"]["metadata"]["annotations"].AsMapping();
        var port = KubernetesManifests.Container(deployment)["ports"].AsSequence().Items.Single()["containerPort"].Text;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(annotations["prometheus.io/scrape"].Text, Is.EqualTo("true"));
            Assert.That(annotations["prometheus.io/port"].Text, Is.EqualTo(port));
            Assert.That(annotations["prometheus.io/path"].Text, Is.EqualTo("/metrics"));
        }
    }

    private List<JsonElement> Panels() => [.. _dashboard.RootElement.GetProperty("panels").EnumerateArray()];

    private IEnumerable<string> Expressions() =>
        Panels().SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!);

    private static string WithoutHistogramSuffix(string name) =>
        HistogramSuffixes.FirstOrDefault(name.EndsWith) is { } suffix ? name[..^suffix.Length] : name;

    /// <summary>A quoted Prometheus name in a PrometheusNames list.</summary>
    [GeneratedRegex("\"(?<name>fulfillment_[a-z0-9_]+)\"")]
    private static partial Regex DeclaredName();

    /// <summary>What in PromQL names labels, not metrics: selectors and grouping clauses.</summary>
    [GeneratedRegex(@"\{[^}]*\}|\b(?:by|without)\s*\([^)]*\)")]
    private static partial Regex LabelLists();

    /// <summary>A metric in a PromQL expression: a name with an underscore, not followed by an opening parenthesis (a function).</summary>
    [GeneratedRegex(@"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b(?!\s*\()")]
    private static partial Regex MetricName();
}
