using System.Reflection;
using System.Runtime.InteropServices;

namespace Fulfillment.Kafka.Native;

/// <summary>
/// Makes every import of <c>librdkafka</c> in the process resolve to one library: the build that librdkafka.redist
/// ships for this platform (docs/decisions/0011).
/// </summary>
/// <remarks>
/// <para>
/// Left to itself Confluent.Kafka first tries the redist's default <c>librdkafka.so</c>, which on x64 links against
/// <c>libsasl2.so.3</c>; Debian 12 and Ubuntu have only <c>.so.2</c>, so that load fails and the runtime falls back to
/// whatever <c>librdkafka.so</c> the system has (Debian's 2.0.2 with librdkafka-dev installed). That older library
/// produces but lacks entry points Confluent.Kafka 2.x calls when consuming. The redist's
/// <c>centos8-librdkafka.so</c> links nothing but glibc (2.28 or later; OpenSSL, SASL, zstd, lz4 and zlib are built
/// in), so it is the one loaded on x64 glibc Linux, with or without a system librdkafka.
/// </para>
/// <para>
/// A resolver must be in place before the first native call of each importing assembly: Confluent.Kafka (through
/// <see cref="Use"/>) and any assembly with its own P/Invokes (the embedded broker's mock-cluster API, which has to
/// be the same library version). Every importer gets the same handle.
/// </para>
/// </remarks>
public static class LibRdKafka
{
    /// <summary>The library name Confluent.Kafka and the embedded broker import.</summary>
    public const string LibraryName = "librdkafka";

    private static readonly Lazy<nint> Handle = new(LoadBundled);
    private static readonly HashSet<Assembly> Registered = [];

    /// <summary>The file the bundled library was loaded from; null until first used or if none could be loaded
    /// (another platform, or a build without the redist's files: then the runtime's default probing applies).</summary>
    public static string? LoadedFrom { get; private set; }

    /// <summary>Routes Confluent.Kafka's imports, and <paramref name="importer"/>'s if given, to the bundled library.
    /// Idempotent and cheap: nothing is loaded until the first native call.</summary>
    public static void Use(Assembly? importer = null)
    {
        lock (Registered)
        {
            Register(typeof(Confluent.Kafka.Library).Assembly);
            if (importer is not null)
            {
                Register(importer);
            }
        }
    }

    /// <summary>Where the bundled build can be, best first: the <c>runtimes/&lt;rid&gt;/native</c> folder of a
    /// portable build or publish, then the application folder itself (a RID-specific publish puts the files there).</summary>
    internal static IEnumerable<string> Candidates(string applicationDirectory)
    {
        if (!OperatingSystem.IsLinux())
        {
            yield break;
        }

        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        string[] files = RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal)
            ? ["alpine-librdkafka.so"]
            : ["centos8-librdkafka.so", "librdkafka.so"];
        string[] directories = [Path.Combine(applicationDirectory, "runtimes", $"linux-{architecture}", "native"), applicationDirectory];
        foreach (var directory in directories)
        {
            foreach (var file in files)
            {
                yield return Path.Combine(directory, file);
            }
        }
    }

    private static void Register(Assembly assembly)
    {
        if (Registered.Add(assembly))
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? Handle.Value : nint.Zero;

    private static nint LoadBundled()
    {
        foreach (var path in Candidates(AppContext.BaseDirectory))
        {
            // A candidate that exists but cannot load (the x64 default build without libsasl2.so.3) is skipped.
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle))
            {
                LoadedFrom = path;
                return handle;
            }
        }

        return nint.Zero;
    }
}
