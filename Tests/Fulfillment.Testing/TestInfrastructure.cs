using NUnit.Framework;

namespace Fulfillment.Testing;

/// <summary>
/// The one place that decides whether the fixtures (<see cref="TestKafka"/>, <see cref="TestPostgres"/>, the
/// end-to-end platform) run on containers or on the embedded broker and a private PostgreSQL server.
/// </summary>
/// <remarks>
/// <para>
/// <c>FULFILLMENT_TEST_INFRA</c>: <c>auto</c> (or unset) uses containers when a Docker engine answers and falls back
/// silently otherwise; <c>containers</c> insists on them and fails every fixture with the probe's answer when there
/// is no engine (a CI job meant to test against a real Kafka must not pass on the mock); <c>embedded</c> never asks
/// Docker. Same tests and assertions either way.
/// </para>
/// <para>
/// The choice is made once per test assembly, on first use, and written as one line to NUnit's progress output.
/// </para>
/// </remarks>
public static class TestInfrastructure
{
    public const string ModeVariable = "FULFILLMENT_TEST_INFRA";

    /// <summary>Kafka's official image, as in compose.yaml and the Kubernetes topic job (KRaft, no ZooKeeper).</summary>
    public const string KafkaImage = "apache/kafka:3.9.1";

    /// <summary>The official image, on the major version the private server runs here (Debian 12's PostgreSQL 15).</summary>
    public const string PostgresImage = "postgres:15.18";

    private static readonly Lazy<TestInfrastructureChoice> Chosen = new(() =>
    {
        var choice = Choose(
            Environment.GetEnvironmentVariable(ModeVariable),
            DockerEngine.Probe,
            !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresServer.ExternalServerVariable)));
        TestContext.Progress.WriteLine(choice.Describe());
        return choice;
    });

    /// <summary>This assembly's choice, made (and printed) on first use; throws the same error on every use if it failed.</summary>
    public static TestInfrastructureChoice Current => Chosen.Value;

    /// <summary>Reads <paramref name="setting"/> (the variable's value) and asks <paramref name="probe"/> only if it must.</summary>
    /// <exception cref="InvalidOperationException">The setting is unknown, or is <c>containers</c> and no engine answers.</exception>
    public static TestInfrastructureChoice Choose(string? setting, Func<DockerEngineStatus> probe, bool externalPostgres = false)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var mode = ParseMode(setting);
        if (mode == TestInfrastructureMode.Embedded)
        {
            return new TestInfrastructureChoice(mode, UseContainers: false, "so Docker was not asked", externalPostgres);
        }

        var engine = probe();
        if (engine.Available)
        {
            return new TestInfrastructureChoice(mode, UseContainers: true, engine.Description, externalPostgres);
        }

        if (mode == TestInfrastructureMode.Containers)
        {
            throw new InvalidOperationException(
                $"{ModeVariable}=containers, but {engine.Description}. Start a Docker engine, or point Testcontainers at one " +
                "(DOCKER_HOST or ~/.testcontainers.properties: https://dotnet.testcontainers.org/custom_configuration/), " +
                $"or unset {ModeVariable} to run on the embedded Kafka and a private PostgreSQL instead.");
        }

        return new TestInfrastructureChoice(mode, UseContainers: false, engine.Description + ", so the embedded fallback runs", externalPostgres);
    }

    /// <exception cref="InvalidOperationException">Not one of auto, containers, embedded (any case).</exception>
    public static TestInfrastructureMode ParseMode(string? setting) =>
        setting?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => TestInfrastructureMode.Auto,
            "containers" => TestInfrastructureMode.Containers,
            "embedded" => TestInfrastructureMode.Embedded,
            _ => throw new InvalidOperationException(
                $"{ModeVariable}='{setting}' is not a mode: use auto (the default), containers or embedded."),
        };
}
