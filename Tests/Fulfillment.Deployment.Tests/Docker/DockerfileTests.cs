using Fulfillment.Deployment.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.Deployment.Tests.Docker;

/// <summary>deploy/docker/Dockerfile against the projects: a service whose build needs a file the image never copies
/// fails here, not in someone's `docker compose build`.</summary>
public sealed class DockerfileTests
{
    private const string BuildStage = "build";
    private const string RuntimeStage = "runtime";

    private Dockerfile _dockerfile = null!;

    [OneTimeSetUp]
    public void LoadDockerfile() => _dockerfile = Dockerfile.Load();

    [TestCaseSource(typeof(Design), nameof(Design.ServiceCases))]
    public void The_build_stage_copies_every_project_a_service_references_before_and_after_restore(string name)
    {
        var contract = Design.Named(name);
        var copied = CopiedPaths(contract.Project);
        var projects = ConfigurationKeys.ProjectClosure(contract.ProjectFile).Select(Repository.Relative).ToList();

        using (Assert.EnterMultipleScope())
        {
            foreach (var project in projects)
            {
                var directory = Path.GetDirectoryName(project)!.Replace('\\', '/') + "/";
                Assert.That(copied, Does.Contain(project), $"{project} is copied for the restore layer");
                Assert.That(copied, Does.Contain(directory), $"{directory} is copied for the publish");
            }
        }
    }

    [Test]
    public void The_build_stage_restores_with_the_repository_settings_and_packages_from_the_feed_alone()
    {
        var copied = CopiedPaths("Fulfillment.OrderService");
        var expected = new[] { "nuget.config", "Directory.Build.props", "Directory.Packages.props", "global.json", ".editorconfig" }
            .Concat(Directory.EnumerateFiles(Repository.Root, "Directory.*.props").Select(Path.GetFileName).OfType<string>())
            .Distinct();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(copied, Is.SupersetOf(expected));
            // No local package source any more (librdkafka.redist is the real package): nothing under deploy/ is needed.
            Assert.That(copied, Has.None.StartsWith("deploy/"));
            Assert.That(Repository.Read("nuget.config"), Does.Not.Contain("value=\"deploy/"), "a package source inside the repository");
        }
    }

    [Test]
    public void Nothing_the_build_copies_is_excluded_from_the_build_context()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.Contains('*', StringComparison.Ordinal))
            .ToList();
        var copied = CopiedPaths("Fulfillment.QueryApi");

        var excluded = copied.Where(path => ignored.Any(pattern =>
            path.TrimEnd('/') == pattern || path.StartsWith(pattern.TrimEnd('/') + "/", StringComparison.Ordinal)));

        Assert.That(excluded, Is.Empty);
    }

    [Test]
    public void The_runtime_stage_installs_no_os_librdkafka_and_runs_as_the_image_non_root_user()
    {
        var run = string.Join('\n', _dockerfile.Arguments(RuntimeStage, "RUN"));

        using (Assert.EnterMultipleScope())
        {
            // The services load librdkafka.redist's build from the publish output; an OS copy would only be a second one.
            Assert.That(run, Does.Not.Contain("librdkafka"), "an OS librdkafka package");
            Assert.That(run, Does.Contain("ca-certificates"), "the CA certificates the redist's statically linked OpenSSL probes for");
            Assert.That(_dockerfile.Arguments(RuntimeStage, "USER"), Is.EqualTo(new[] { "$APP_UID" }));
            Assert.That(_dockerfile.Arguments(RuntimeStage, "HEALTHCHECK").Single(), Does.Contain("/health/ready"));
            Assert.That(_dockerfile.Arguments(RuntimeStage, "EXPOSE"), Is.EqualTo(new[] { "${PORT}" }));
        }
    }

    [Test]
    public void The_default_service_and_port_of_the_image_agree_with_its_settings()
    {
        var service = _dockerfile.ArgDefault(RuntimeStage, "SERVICE");
        var contract = Design.Services.Single(s => s.Project == service);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_dockerfile.ArgDefault(BuildStage, "SERVICE"), Is.EqualTo(service));
            Assert.That(_dockerfile.ArgDefault(RuntimeStage, "PORT"), Is.EqualTo(AppSettings.Of(contract).Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>The repository paths the build stage copies for <paramref name="project"/> (directories end with '/').</summary>
    private List<string> CopiedPaths(string project) =>
        [.. _dockerfile.Copies(BuildStage)
            .Where(copy => !copy.FromStage)
            .SelectMany(copy => copy.Sources)
            .Select(source => source.Replace("${SERVICE}", project, StringComparison.Ordinal))];
}
