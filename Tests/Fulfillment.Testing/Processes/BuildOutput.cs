namespace Fulfillment.Testing.Processes;

/// <summary>
/// Where the services' build output is: the repository that holds the running assembly (the end-to-end tests, the load
/// benchmark), and the configuration it was built in (Release under deploy/scripts/test.sh, Debug from an IDE), so the
/// services run as built alongside it.
/// </summary>
public static class BuildOutput
{
    private const string SolutionFile = "Fulfillment.sln";
    private const string TargetFramework = "net10.0";

    /// <summary>The directory holding <c>Fulfillment.sln</c>, found by walking up from the running assembly.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The configuration of the running assembly, read from its path (<c>.../bin/&lt;Configuration&gt;/net10.0/</c>).</summary>
    public static string Configuration { get; } = FindConfiguration();

    /// <summary>The service's entry assembly for <c>dotnet &lt;dll&gt;</c>.</summary>
    /// <exception cref="FileNotFoundException">The service has not been built in <see cref="Configuration"/>.</exception>
    public static string ServiceAssembly(string project)
    {
        var path = Path.Combine(RepositoryRoot, "Services", project, "bin", Configuration, TargetFramework, project + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{project} is not built in {Configuration}: {path} is missing. The end-to-end tests and the load benchmark run the " +
                $"services from their build output; build the solution first: cd {RepositoryRoot} && dotnet build {SolutionFile} -c {Configuration}",
                path);
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No {SolutionFile} above {AppContext.BaseDirectory}: the end-to-end tests and the load benchmark must run from the repository's build output.");
    }

    private static string FindConfiguration()
    {
        var segments = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var bin = Array.LastIndexOf(segments, "bin");
        return bin >= 0 && bin + 1 < segments.Length
            ? segments[bin + 1]
            : throw new InvalidOperationException(
                $"Cannot tell the build configuration from {AppContext.BaseDirectory} (expected .../bin/<Configuration>/{TargetFramework}/).");
    }
}
