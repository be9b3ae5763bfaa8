using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Fulfillment.Deployment.Tests.Support;

/// <summary>
/// The configuration keys a service reads, found in its code rather than listed by hand: its appsettings.json, the
/// settable properties of every options class (a class with <c>const string SectionName</c>, one type per file) and
/// every literal <c>Configuration["..."]</c> lookup, in the service's project and each project it references.
/// </summary>
internal static partial class ConfigurationKeys
{
    private static readonly Dictionary<string, IReadOnlySet<string>> Cache = [];

    /// <summary>
    /// The configuration key an environment variable sets: "Kafka__BootstrapServers" → "Kafka:BootstrapServers"; an
    /// element of a list sets the list: "Cors__AllowedOrigins__0" → "Cors:AllowedOrigins".
    /// </summary>
    public static string FromEnvironmentVariable(string name) =>
        ListIndex().Replace(name.Replace("__", ":", StringComparison.Ordinal), string.Empty);

    /// <summary>Host variables (ASPNETCORE_*, DOTNET_*) configure the runtime, not the service's own settings.</summary>
    public static bool IsHostVariable(string name) =>
        name.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || name.StartsWith("DOTNET_", StringComparison.Ordinal);

    public static IReadOnlySet<string> Of(ServiceContract service)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(service.Name, out var keys))
            {
                keys = Discover(service);
                Cache[service.Name] = keys;
            }

            return keys;
        }
    }

    /// <summary>The service's project file and every project it references, transitively.</summary>
    public static IReadOnlyList<string> ProjectClosure(string projectFile)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([Path.GetFullPath(projectFile)]);
        while (pending.TryPop(out var project))
        {
            if (seen.Contains(project, StringComparer.Ordinal))
            {
                continue;
            }

            seen.Add(project);
            var directory = Path.GetDirectoryName(project)!;
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value ?? throw new InvalidOperationException($"{project}: ProjectReference without Include.");
                pending.Push(Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar))));
            }
        }

        return seen;
    }

    private static HashSet<string> Discover(ServiceContract service)
    {
        var keys = new HashSet<string>(AppSettings.Of(service).Values.Keys, StringComparer.OrdinalIgnoreCase);
        foreach (var project in ProjectClosure(service.ProjectFile))
        {
            foreach (var file in Repository.SourceFiles(Path.GetDirectoryName(project)!, "*.cs"))
            {
                var source = File.ReadAllText(file);
                foreach (Match lookup in ConfigurationLookup().Matches(source))
                {
                    keys.Add(lookup.Groups["key"].Value);
                }

                var section = SectionName().Match(source);
                if (!section.Success)
                {
                    continue;
                }

                foreach (Match property in SettableProperty().Matches(source))
                {
                    keys.Add($"{section.Groups["section"].Value}:{property.Groups["name"].Value}");
                }
            }
        }

        return keys;
    }

    [GeneratedRegex(@":\d+$")]
    private static partial Regex ListIndex();

    [GeneratedRegex("""Configuration\["(?<key>[^"]+)"\]""")]
    private static partial Regex ConfigurationLookup();

    [GeneratedRegex("""const\s+string\s+SectionName\s*=\s*"(?<section>[^"]+)"\s*;""")]
    private static partial Regex SectionName();

    [GeneratedRegex("""public\s+(?!static\b)(?:required\s+)?[^=;{}()]+?\s+(?<name>\w+)\s*\{\s*get;\s*(?:set|init);""")]
    private static partial Regex SettableProperty();
}
