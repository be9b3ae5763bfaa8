using System.Runtime.InteropServices;
using Fulfillment.Kafka.Native;

namespace Fulfillment.EmbeddedKafka.Broker;

/// <summary>
/// The slice of librdkafka's C API (rdkafka.h, rdkafka_mock.h) needed to host its mock cluster.
/// </summary>
/// <remarks>
/// The mock API changes between librdkafka versions, so these imports must bind to the same library Confluent.Kafka
/// uses: <see cref="LibRdKafka"/> points both at librdkafka.redist's build (one copy in the process), before the
/// first call below.
/// </remarks>
internal static unsafe partial class LibRdKafkaMock
{
    private const string Library = LibRdKafka.LibraryName;

    // A static constructor runs before the first import of this class is called, so no call can reach the
    // runtime's default probing (which would find a system librdkafka, if any).
    static LibRdKafkaMock() => LibRdKafka.Use(typeof(LibRdKafkaMock).Assembly);

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

    /// <summary>The broker setting <c>group.initial.rebalance.delay.ms</c> for the whole cluster (absent from librdkafka 2.0.2).</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_group_initial_rebalance_delay_ms")]
    internal static partial void MockGroupInitialRebalanceDelayMs(MockClusterHandle mockCluster, int delayMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockTopicCreate(MockClusterHandle mockCluster, string topic, int partitionCount, int replicationFactor);

    /// <summary>Disconnects the broker and refuses new connections until <see cref="MockBrokerSetUp"/>; leaders stay where they are.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    internal static partial int MockBrokerSetDown(MockClusterHandle mockCluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    internal static partial int MockBrokerSetUp(MockClusterHandle mockCluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_partition_set_leader", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int MockPartitionSetLeader(MockClusterHandle mockCluster, string topic, int partition, int brokerId);

    /// <summary>
    /// The next <paramref name="count"/> requests of <paramref name="apiKey"/> (to any broker) fail with the errors in
    /// turn. The non-varargs form of <c>rd_kafka_mock_push_request_errors</c>: varargs cannot be called portably from C#.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    internal static partial void MockPushRequestErrorsArray(MockClusterHandle mockCluster, short apiKey, nuint count, int* errors);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_clear_request_errors")]
    internal static partial void MockClearRequestErrors(MockClusterHandle mockCluster, short apiKey);

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
