using System.Runtime.InteropServices;
using Confluent.Kafka;
using Fulfillment.EmbeddedKafka.Broker;
using Fulfillment.Kafka.Native;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Embedded;

/// <summary>
/// Confluent.Kafka and the embedded broker run on librdkafka.redist's library, never a system librdkafka: with
/// Debian's librdkafka-dev installed the runtime's default probing would silently pick its 2.0.2, which lacks the
/// mock API the broker uses and entry points Confluent.Kafka 2.x calls when consuming (docs/decisions/0011).
/// </summary>
[TestFixture]
public sealed class BundledLibRdKafkaTests
{
    /// <summary>Directory.Packages.props pins Confluent.Kafka 2.16.0, which depends on librdkafka.redist 2.16.0.</summary>
    private const string PinnedVersion = "2.16.0";

    [Test]
    public void Confluent_Kafka_and_the_embedded_broker_share_one_librdkafka_the_pinned_redist_build()
    {
        Assume.That(OperatingSystem.IsLinux(), "the redist's Linux builds are the ones selected explicitly");

        // The broker first, as a test fixture would: its imports and Confluent.Kafka's then resolve to one handle.
        using var cluster = new EmbeddedKafkaCluster();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Library.VersionString, Is.EqualTo(PinnedVersion), "the version Confluent.Kafka loaded");
            Assert.That(EmbeddedKafkaCluster.NativeVersion, Is.EqualTo(PinnedVersion), "the version hosting the mock cluster");
            Assert.That(LibRdKafka.LoadedFrom, Does.StartWith(AppContext.BaseDirectory), "a file of this build, not the system's");
            Assert.That(MappedLibRdKafkaFiles(), Is.EqualTo(new[] { LibRdKafka.LoadedFrom }), "every librdkafka mapped into this process");
        }
    }

    [Test]
    public void On_x64_glibc_the_centos8_build_is_selected_because_the_default_one_needs_libsasl2_so_3()
    {
        Assume.That(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64,
            "the centos8 build exists for linux-x64 only");
        Assume.That(RuntimeInformation.RuntimeIdentifier, Does.Not.Contain("musl"), "musl loads the alpine build");

        using var cluster = new EmbeddedKafkaCluster();

        Assert.That(Path.GetFileName(LibRdKafka.LoadedFrom), Is.EqualTo("centos8-librdkafka.so"));
    }

    /// <summary>The distinct files named librdkafka* that the dynamic loader has mapped into this process.</summary>
    private static string[] MappedLibRdKafkaFiles() =>
        [.. File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].Contains("librdkafka", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct(StringComparer.Ordinal)];
}
