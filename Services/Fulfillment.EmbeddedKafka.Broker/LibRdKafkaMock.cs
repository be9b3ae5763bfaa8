using System.Runtime.InteropServices;

namespace Fulfillment.EmbeddedKafka.Broker;

/// <summary>
/// The slice of librdkafka's C API (rdkafka.h, rdkafka_mock.h) needed to host its mock cluster.
/// </summary>
/// <remarks>
/// The library name is left to the default probing, which finds <c>librdkafka.so</c> (Debian's librdkafka-dev);
/// an explicit <c>NativeLibrary.Load</c> path fails on the build machine. Confluent.Kafka loads the same shared
/// object, so both share one copy of librdkafka in the process.
/// </remarks>
internal static unsafe partial class LibRdKafkaMock
{
    private const string Library = "librdkafka";

    /// <summary><c>RD_KAFKA_PRODUCER</c>: the mock cluster only needs an instance for book-keeping; a producer is the lightest.</summary>
    internal const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c>.</summary>
    internal const int ConfOk = 0;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int ConfSet(nint conf, string name, string value, byte* errorText, nuint errorTextSize);

    /// <summary>Takes ownership of <paramref name="conf"/> only when it succeeds.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    internal static partial RdKafkaHandle New(int type, nint conf, byte* errorText, nuint errorTextSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    internal static partial void Destroy(nint rk);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial nint MockClusterNew(RdKafkaHandle rk, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void MockClusterDestroy(nint mockCluster);

    /// <summary>Returns a string owned by the cluster: copy it, never free it.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial nint MockClusterBootstraps(MockClusterHandle mockCluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockTopicCreate(MockClusterHandle mockCluster, string topic, int partitionCount, int replicationFactor);

    /// <summary>Returns a static string: never free it.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    internal static partial nint ErrorToString(int error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2name")]
    internal static partial nint ErrorToName(int error);

    [LibraryImport(Library, EntryPoint = "rd_kafka_version_str")]
    internal static partial nint VersionString();

    internal static string Describe(int error) =>
        $"{Marshal.PtrToStringUTF8(ErrorToName(error))}: {Marshal.PtrToStringUTF8(ErrorToString(error))}";
}
