using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Fulfillment.EmbeddedKafka.Broker;

/// <summary>
/// librdkafka's mock Kafka cluster, hosted in this process: N brokers on 127.0.0.1 ephemeral ports that any
/// Kafka client (in this process or another, kcat included) can use.
/// </summary>
/// <remarks>
/// <para>
/// A development and test broker only, never a production one: everything is kept in memory and lost when the
/// cluster is disposed or the process exits, and each partition keeps only its newest 5 MiB or 100,000 record
/// batches (the mock's fixed limits; older batches are dropped, so a consumer that falls that far behind gets an
/// offset-out-of-range reset).
/// </para>
/// <para>
/// It speaks the part of the protocol librdkafka tests itself with: produce (idempotent too), fetch, list offsets,
/// metadata, and consumer groups with committed offsets. Admin requests (CreateTopics, DescribeConfigs, ...) do not
/// work: the admin client waits for a controller and times out (after 60 s by default). Create topics with
/// <see cref="CreateTopic"/> instead.
/// </para>
/// <para>
/// A topic the mock does not know is auto-created with the mock's default of 4 partitions when a client asks for it
/// in a metadata request that allows auto-creation (librdkafka producers do; consumers do not by default). Create
/// every topic up front with the partition count wanted instead of relying on that.
/// </para>
/// <para>
/// The mock's <c>group.initial.rebalance.delay.ms</c> (3 s, as in Kafka) is set to 0, so the first member of an empty
/// group gets its partitions within a few hundred milliseconds instead of after 3 s (measured: 70 ms against
/// 3.1 s). Later rebalances are still slow by design: after a member leaves (even with a clean close) or times out,
/// the group waits <c>session.timeout.ms</c> minus 1 s before reassigning partitions, so keep consumers' session
/// timeout short (a few seconds) against this broker.
/// </para>
/// <para>
/// The brokers advertise 127.0.0.1 and their ephemeral ports. With <see cref="EmbeddedKafkaOptions.ListenPort"/> a
/// <see cref="TcpPortForwarder"/> also makes the first broker reachable at <c>localhost:&lt;port&gt;</c>: clients
/// bootstrap there and then connect to the advertised addresses directly, so only loopback clients can use it.
/// </para>
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable, IAsyncDisposable
{
    // The hosting client never connects anywhere; only errors are worth printing (to stderr, librdkafka's default).
    private static readonly KeyValuePair<string, string>[] HostClientSettings =
    [
        new("client.id", "embedded-kafka-mock"),
        new("log_level", "3"),
    ];

    private readonly RdKafkaHandle _client;
    private readonly MockClusterHandle _cluster;
    private readonly TcpPortForwarder? _forwarder;
    private int _disposed;

    /// <summary>Starts a mock cluster with no topics and no forwarder.</summary>
    /// <param name="brokers">Broker count; the broker ids are 1 to <paramref name="brokers"/>.</param>
    public EmbeddedKafkaCluster(int brokers = 1)
        : this(brokers, listenPort: null, logger: null)
    {
    }

    private EmbeddedKafkaCluster(int brokers, int? listenPort, ILogger? logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        BrokerCount = brokers;
        _client = RdKafkaHandle.CreateProducer(HostClientSettings);
        try
        {
            _cluster = MockClusterHandle.Create(_client, brokers);
            LibRdKafkaMock.MockGroupInitialRebalanceDelayMs(_cluster, 0);
            BrokerBootstraps = Marshal.PtrToStringUTF8(LibRdKafkaMock.MockClusterBootstraps(_cluster))
                ?? throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");

            if (listenPort is { } port)
            {
                var firstBroker = IPEndPoint.Parse(BrokerBootstraps.Split(',')[0]);
                _forwarder = TcpPortForwarder.Start(port, firstBroker, logger);
                BootstrapServers = $"localhost:{_forwarder.Port}";
            }
            else
            {
                BootstrapServers = BrokerBootstraps;
            }
        }
        catch
        {
            _cluster?.Dispose();
            _client.Dispose();
            throw;
        }
    }

    /// <summary>Where clients bootstrap: <c>localhost:&lt;port&gt;</c> with a forwarder, else <see cref="BrokerBootstraps"/>.</summary>
    public string BootstrapServers { get; }

    /// <summary>The brokers' own comma-separated 127.0.0.1 addresses, as the mock reports them.</summary>
    public string BrokerBootstraps { get; }

    public int BrokerCount { get; }

    /// <summary>The forwarder's port, or null when there is none.</summary>
    public int? ListenPort => _forwarder?.Port;

    /// <summary>The native librdkafka version hosting the mock (the mock's behaviour varies between versions).</summary>
    public static string NativeVersion => Marshal.PtrToStringUTF8(LibRdKafkaMock.VersionString()) ?? "unknown";

    /// <summary>Starts a cluster laid out by <paramref name="options"/> and creates its topics.</summary>
    /// <param name="options">Brokers, topics and their partitions, and an optional fixed listen port.</param>
    /// <param name="logger">Diagnostics of the port forwarder, if any.</param>
    public static EmbeddedKafkaCluster Start(EmbeddedKafkaOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Partitions, 1);

        var cluster = new EmbeddedKafkaCluster(options.Brokers, options.ListenPort, logger);
        try
        {
            foreach (var topic in options.Topics.Distinct(StringComparer.Ordinal))
            {
                cluster.CreateTopic(topic, options.Partitions);
            }

            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Creates a topic; fails if it already exists (including one the mock auto-created).</summary>
    /// <exception cref="InvalidOperationException">The mock refused the topic.</exception>
    public void CreateTopic(string name, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var error = LibRdKafkaMock.MockTopicCreate(_cluster, name, partitions, replicationFactor);
        if (error != 0)
        {
            throw new InvalidOperationException(
                $"The embedded Kafka could not create topic '{name}' ({partitions} partitions, replication {replicationFactor}): {LibRdKafkaMock.Describe(error)}");
        }
    }

    /// <summary>
    /// Fault injection: disconnects broker <paramref name="brokerId"/> (1 to <see cref="BrokerCount"/>) and refuses new
    /// connections until <see cref="SetBrokerUp"/>. Leadership does not move, so with one broker Kafka is simply gone.
    /// </summary>
    /// <exception cref="InvalidOperationException">The mock refused (an unknown broker id).</exception>
    public void SetBrokerDown(int brokerId) =>
        Check(LibRdKafkaMock.MockBrokerSetDown(Cluster, brokerId), $"set broker {brokerId} down");

    /// <summary>Fault injection: lets broker <paramref name="brokerId"/> accept connections again.</summary>
    /// <exception cref="InvalidOperationException">The mock refused (an unknown broker id).</exception>
    public void SetBrokerUp(int brokerId) =>
        Check(LibRdKafkaMock.MockBrokerSetUp(Cluster, brokerId), $"set broker {brokerId} up");

    /// <summary>Fault injection: moves the leadership of one partition to <paramref name="brokerId"/> (-1: no leader).</summary>
    /// <exception cref="InvalidOperationException">The mock refused (an unknown topic or partition).</exception>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        Check(LibRdKafkaMock.MockPartitionSetLeader(Cluster, topic, partition, brokerId), $"move the leader of {topic}/{partition} to broker {brokerId}");
    }

    /// <summary>
    /// Fault injection: the next <paramref name="count"/> requests of type <paramref name="apiKey"/>, to any broker,
    /// are answered with Kafka error <paramref name="errorCode"/> (e.g. 7 REQUEST_TIMED_OUT, 19 NOT_ENOUGH_REPLICAS,
    /// 15 COORDINATOR_NOT_AVAILABLE, 27 REBALANCE_IN_PROGRESS) instead of being served.
    /// </summary>
    public void PushRequestErrors(KafkaApiKey apiKey, int count, int errorCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        PushRequestErrors(apiKey, Enumerable.Repeat(errorCode, count).ToArray());
    }

    /// <summary>Fault injection: the next requests of type <paramref name="apiKey"/> fail with <paramref name="errorCodes"/>, one each, in order.</summary>
    public unsafe void PushRequestErrors(KafkaApiKey apiKey, int[] errorCodes)
    {
        ArgumentNullException.ThrowIfNull(errorCodes);
        ArgumentOutOfRangeException.ThrowIfZero(errorCodes.Length);
        fixed (int* errors = errorCodes)
        {
            LibRdKafkaMock.MockPushRequestErrorsArray(Cluster, (short)apiKey, (nuint)errorCodes.Length, errors);
        }
    }

    /// <summary>Drops the errors still queued for <paramref name="apiKey"/> by <see cref="PushRequestErrors(KafkaApiKey, int, int)"/>.</summary>
    public void ClearRequestErrors(KafkaApiKey apiKey) => LibRdKafkaMock.MockClearRequestErrors(Cluster, (short)apiKey);

    /// <summary>Stops the forwarder, then destroys the mock brokers and everything they hold.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Run off the caller's synchronization context: blocking on it while continuations need it would deadlock.
        if (_forwarder is not null)
        {
            Task.Run(() => _forwarder.DisposeAsync().AsTask()).GetAwaiter().GetResult();
        }

        DestroyCluster();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_forwarder is not null)
        {
            await _forwarder.DisposeAsync().ConfigureAwait(false);
        }

        DestroyCluster();
    }

    private MockClusterHandle Cluster
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return _cluster;
        }
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The embedded Kafka could not {what}: {LibRdKafkaMock.Describe(error)}");
        }
    }

    private void DestroyCluster()
    {
        // The cluster handle holds a reference to the client, so the client is destroyed after the cluster.
        _cluster.Dispose();
        _client.Dispose();
    }
}
