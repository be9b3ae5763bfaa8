using Fulfillment.Deployment.Tests.Support;
using Fulfillment.Deployment.Tests.Yaml;

namespace Fulfillment.Deployment.Tests.Kubernetes;

/// <summary>The objects deploy/k8s/kustomization.yaml applies, each with the file it came from.</summary>
internal sealed class KubernetesManifests
{
    public const string Directory = "deploy/k8s";

    private KubernetesManifests(YamlMapping kustomization, IReadOnlyList<(string File, YamlMapping Object)> objects)
    {
        Kustomization = kustomization;
        Objects = objects;
    }

    public YamlMapping Kustomization { get; }

    public IReadOnlyList<(string File, YamlMapping Object)> Objects { get; }

    public static KubernetesManifests Load()
    {
        var kustomization = YamlLoader.Load(Repository.Read($"{Directory}/kustomization.yaml")).AsMapping();
        var objects = new List<(string, YamlMapping)>();
        foreach (var resource in Resources(kustomization))
        {
            foreach (var document in YamlLoader.LoadAll(Repository.Read($"{Directory}/{resource}")))
            {
                objects.Add((resource, document.AsMapping()));
            }
        }

        return new KubernetesManifests(kustomization, objects);
    }

    /// <summary>The Secret of secret.example.yaml (deliberately not a kustomization resource).</summary>
    public static YamlMapping SecretExample() =>
        YamlLoader.Load(Repository.Read($"{Directory}/secret.example.yaml")).AsMapping();

    public static IReadOnlyList<string> Resources(YamlMapping kustomization) =>
        [.. kustomization["resources"].AsSequence().Items.Select(item => item.Text ?? string.Empty)];

    public IEnumerable<YamlMapping> OfKind(string kind) =>
        Objects.Select(o => o.Object).Where(o => o["kind"].Text == kind);

    public YamlMapping Named(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => o["metadata"]["name"].Text == name)
        ?? throw new InvalidOperationException($"No {kind} named '{name}' in {Directory}.");

    /// <summary>The single container of a Deployment's or Job's pod template.</summary>
    public static YamlMapping Container(YamlMapping workload)
    {
        var containers = workload["spec"]["template"]["spec"]["containers"].AsSequence().Items;
        return containers.Count == 1
            ? containers[0].AsMapping()
            : throw new InvalidOperationException($"{workload["metadata"]["name"].Text}: expected one container, found {containers.Count}.");
    }

    /// <summary>A container's env entries by name.</summary>
    public static IReadOnlyDictionary<string, YamlMapping> Env(YamlMapping container) =>
        (container.Find("env")?.AsSequence().Items ?? [])
            .Select(item => item.AsMapping())
            .ToDictionary(item => item["name"].Text!, StringComparer.Ordinal);

    /// <summary>The ConfigMaps a container takes whole (envFrom).</summary>
    public static IEnumerable<string> EnvFromConfigMaps(YamlMapping container) =>
        (container.Find("envFrom")?.AsSequence().Items ?? [])
            .Select(item => item.AsMapping().Find("configMapRef"))
            .OfType<YamlMapping>()
            .Select(reference => reference["name"].Text!);
}
