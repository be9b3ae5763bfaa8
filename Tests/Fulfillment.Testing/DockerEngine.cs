using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Fulfillment.Testing;

/// <summary>Asks Testcontainers whether it found a Docker engine, the way it would before starting a container.</summary>
public static class DockerEngine
{
    /// <summary>
    /// Builds (never starts) a container: Testcontainers' <c>Build()</c> throws <see cref="DockerUnavailableException"/>
    /// when none of its endpoint discoveries (DOCKER_HOST, ~/.testcontainers.properties, the Docker socket, rootless
    /// and Desktop sockets, Docker contexts) found an engine that answers. Without an engine that takes milliseconds,
    /// not the minute a container start would wait, so the automatic mode can ask on every run.
    /// </summary>
    public static DockerEngineStatus Probe()
    {
        try
        {
            _ = new ContainerBuilder(TestInfrastructure.PostgresImage).Build();
            var endpoint = TestcontainersSettings.OS.DockerEndpointAuthConfig?.Endpoint;
            return new DockerEngineStatus(true, $"a Docker engine answers at {endpoint}");
        }
        catch (DockerUnavailableException ex)
        {
            return new DockerEngineStatus(false, $"no Docker engine answers (Testcontainers: {Condense(ex.Message)})");
        }
    }

    /// <summary>The endpoints Testcontainers tried ("Failed to connect to ..."), without its generic advice, for a one-line report.</summary>
    private static string Condense(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var details = lines.SkipWhile(line => !line.StartsWith("Details", StringComparison.Ordinal)).Skip(1).Distinct(StringComparer.Ordinal).ToList();
        return details.Count > 0 ? string.Join("; ", details).TrimEnd('.') : lines.FirstOrDefault() ?? "no reason given";
    }
}
