namespace Fulfillment.Deployment.Tests.Support;

/// <summary>The checked-out repository these tests read: found by walking up to Fulfillment.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>Repository-relative path with forward slashes, for messages and comparisons.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Files under <paramref name="directory"/> matching <paramref name="pattern"/>, build output left out.</summary>
    public static IEnumerable<string> SourceFiles(string directory, string pattern) =>
        Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(directory, path)
                .Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
                .Any(segment => segment is "bin" or "obj"));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Fulfillment.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Fulfillment.sln above {AppContext.BaseDirectory}.");
    }
}
