using Confluent.Kafka;
using Fulfillment.EmbeddedKafka.Broker;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Embedded;

/// <summary>The mock cluster's fault injection (the fault suite's Kafka faults), against real Confluent.Kafka clients.</summary>
[TestFixture]
public sealed class EmbeddedKafkaFaultTests
{
    private const string Topic = "raw.fault-test";

    /// <summary>Kafka's NOT_ENOUGH_REPLICAS: retriable, so an idempotent producer must retry it without duplicating.</summary>
    private const int NotEnoughReplicas = 19;

    [Test]
    [CancelAfter(60_000)]
    public async Task A_produce_waits_while_the_broker_is_down_and_completes_once_it_is_up_again(CancellationToken cancellationToken)
    {
        var (cluster, producer) = await StartWithFirstRecordAsync("before", idempotent: true, cancellationToken);
        using var disposeCluster = cluster;
        using var disposeProducer = producer;

        cluster.SetBrokerDown(1);
        var during = producer.ProduceAsync(Topic, Message("during"), cancellationToken);
        var finished = await Task.WhenAny(during, Task.Delay(TimeSpan.FromSeconds(3), cancellationToken));
        Assert.That(finished, Is.Not.SameAs(during), "a produce completed while the only broker was down");

        cluster.SetBrokerUp(1);
        var delivered = await during;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(delivered.Status, Is.EqualTo(PersistenceStatus.Persisted));
            Assert.That(ReadAll(cluster, cancellationToken), Is.EqualTo(new[] { "before", "during" }));
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_pushed_produce_error_fails_a_producer_that_does_not_retry(CancellationToken cancellationToken)
    {
        var (cluster, producer) = await StartWithFirstRecordAsync("warm", idempotent: false, cancellationToken);
        using var disposeCluster = cluster;
        using var disposeProducer = producer;
        cluster.PushRequestErrors(KafkaApiKey.Produce, 1, NotEnoughReplicas);

        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync(Topic, Message("refused"), cancellationToken));
        Assert.That(failure!.Error.Code, Is.EqualTo(ErrorCode.NotEnoughReplicas));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_idempotent_producer_retries_pushed_produce_errors_and_writes_the_record_once(CancellationToken cancellationToken)
    {
        var (cluster, producer) = await StartWithFirstRecordAsync("warm", idempotent: true, cancellationToken);
        using var disposeCluster = cluster;
        using var disposeProducer = producer;
        cluster.PushRequestErrors(KafkaApiKey.Produce, 3, NotEnoughReplicas);
        var delivered = await producer.ProduceAsync(Topic, Message("retried"), cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(delivered.Status, Is.EqualTo(PersistenceStatus.Persisted));
            Assert.That(ReadAll(cluster, cancellationToken), Is.EqualTo(new[] { "warm", "retried" }));
        }
    }

    [Test]
    public void A_partition_leader_moves_to_the_broker_named_and_unknown_brokers_are_refused()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Brokers = 2, Partitions = 2, Topics = [Topic] });
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        cluster.SetPartitionLeader(Topic, 0, 2);
        cluster.SetPartitionLeader(Topic, 1, 1);

        var partitions = admin.GetMetadata(Topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(partitions.Single(p => p.PartitionId == 0).Leader, Is.EqualTo(2));
            Assert.That(partitions.Single(p => p.PartitionId == 1).Leader, Is.EqualTo(1));
            Assert.That(() => cluster.SetBrokerDown(7), Throws.InvalidOperationException);
        }
    }

    /// <summary>A one-partition cluster and a producer that has delivered <paramref name="first"/> (connected, ids assigned).</summary>
    private static async Task<(EmbeddedKafkaCluster Cluster, IProducer<string, string> Producer)> StartWithFirstRecordAsync(
        string first, bool idempotent, CancellationToken cancellationToken)
    {
        var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Partitions = 1, Topics = [Topic] });
        var producer = BuildProducer(cluster, idempotent);
        await producer.ProduceAsync(Topic, Message(first), cancellationToken);
        return (cluster, producer);
    }

    private static IProducer<string, string> BuildProducer(EmbeddedKafkaCluster cluster, bool idempotent) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = idempotent,
            Acks = Acks.All,
            MessageSendMaxRetries = idempotent ? int.MaxValue : 0,
            RetryBackoffMs = 50,
            // Long enough to outlast the broker being down in the test, so the produce waits rather than expires.
            MessageTimeoutMs = 30_000,
            LingerMs = 1,
        }).Build();

    private static Message<string, string> Message(string value) => new() { Key = "order-1", Value = value };

    /// <summary>Every record of the (one-partition) topic, in offset order: what a consumer would see.</summary>
    private static List<string> ReadAll(EmbeddedKafkaCluster cluster, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(Topic, 0, Offset.Beginning));
        var values = new List<string>();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                if (record.IsPartitionEOF)
                {
                    return values;
                }

                values.Add(record.Message.Value);
            }
        }

        return values;
    }
}
