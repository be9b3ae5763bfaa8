using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Fulfillment.EmbeddedKafka.Broker;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Embedded;

[TestFixture]
public sealed class EmbeddedKafkaClusterTests
{
    private const string Topic = "raw.embedded-test";
    private static readonly TimeSpan ConsumeDeadline = TimeSpan.FromSeconds(20);

    [Test]
    [CancelAfter(60_000)]
    public async Task Consumer_group_with_manual_commits_reads_every_record_and_a_later_member_resumes_after_the_commits(
        CancellationToken cancellationToken)
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Partitions = 6, Topics = [Topic] });
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            var topic = admin.GetMetadata(Topic, TimeSpan.FromSeconds(10)).Topics.Single();
            Assert.That(topic.Partitions, Has.Count.EqualTo(6));
        }

        var firstBatch = await ProduceAsync(cluster, "first", 60, cancellationToken);
        Assert.That(firstBatch.Select(result => result.Partition.Value).Distinct().Count(), Is.GreaterThan(1),
            "keys should spread over several partitions");

        Dictionary<int, long> committed;
        using (var first = BuildConsumer(cluster, "orders"))
        {
            first.Subscribe(Topic);
            var consumed = ConsumeUntil(first, firstBatch.Count, cancellationToken);
            committed = consumed
                .GroupBy(record => record.Partition.Value)
                .ToDictionary(group => group.Key, group => group.Max(record => record.Offset.Value) + 1);
            first.Commit(committed.Select(entry => new TopicPartitionOffset(Topic, entry.Key, entry.Value)));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(consumed.Select(record => record.Message.Value), Is.EquivalentTo(firstBatch.Select(result => result.Message.Value)));
                foreach (var record in consumed)
                {
                    Assert.That(HeaderText(record.Message, "sequence"), Is.EqualTo(record.Message.Value.Split('-')[^1]));
                    Assert.That(HeaderText(record.Message, "batch"), Is.EqualTo("first"));
                }

                // Kafka orders per partition, and a key always lands on one partition: each key's records stay in order.
                foreach (var key in consumed.GroupBy(record => record.Message.Key))
                {
                    var sequences = key.Select(record => int.Parse(HeaderText(record.Message, "sequence"), CultureInfo.InvariantCulture));
                    Assert.That(sequences, Is.Ordered, $"records of {key.Key}");
                }
            }

            first.Close();
        }

        var secondBatch = await ProduceAsync(cluster, "second", 30, cancellationToken);
        using var second = BuildConsumer(cluster, "orders");
        second.Subscribe(Topic);
        var resumed = ConsumeUntil(second, secondBatch.Count, cancellationToken);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resumed.Select(record => record.Message.Value), Is.EquivalentTo(secondBatch.Select(result => result.Message.Value)),
                "the second member must start after the first member's commits, not from the beginning");
            foreach (var partition in resumed.GroupBy(record => record.Partition.Value))
            {
                Assert.That(partition.Min(record => record.Offset.Value), Is.EqualTo(committed.GetValueOrDefault(partition.Key)),
                    $"first offset read from partition {partition.Key}");
            }
        }

        second.Close();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_fixed_listen_port_lets_clients_bootstrap_at_localhost_and_then_use_the_advertised_brokers(
        CancellationToken cancellationToken)
    {
        var port = FreePorts.Pick();
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Brokers = 2, ListenPort = port, Topics = [Topic] });
        Assert.That(cluster.BootstrapServers, Is.EqualTo($"localhost:{port}"));

        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));
            var advertised = metadata.Brokers.Select(broker => $"{broker.Host}:{broker.Port}");
            Assert.That(advertised, Is.EquivalentTo(cluster.BrokerBootstraps.Split(',')));
        }

        var produced = await ProduceAsync(cluster, "forwarded", 10, cancellationToken);
        using var consumer = BuildConsumer(cluster, "forwarded");
        consumer.Assign(Enumerable.Range(0, 6).Select(partition => new TopicPartitionOffset(Topic, partition, Offset.Beginning)));
        var consumed = ConsumeUntil(consumer, produced.Count, cancellationToken);
        Assert.That(consumed.Select(record => record.Message.Value), Is.EquivalentTo(produced.Select(result => result.Message.Value)));

        var seenByKcat = await Kcat.MetadataAsync(cluster.BootstrapServers, TimeSpan.FromSeconds(15), cancellationToken);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(seenByKcat.Brokers, Is.EquivalentTo(cluster.BrokerBootstraps.Split(',')));
            Assert.That(seenByKcat.TopicPartitions, Does.ContainKey(Topic).WithValue(6));
        }
    }

    [Test]
    public void Creating_an_existing_topic_fails()
    {
        using var cluster = new EmbeddedKafkaCluster();
        cluster.CreateTopic(Topic, 3);

        Assert.That(() => cluster.CreateTopic(Topic, 3),
            Throws.InvalidOperationException.With.Message.Contains("TOPIC_ALREADY_EXISTS"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_topic_first_named_by_a_producer_is_auto_created_with_the_mock_default_of_four_partitions(
        CancellationToken cancellationToken)
    {
        using var cluster = new EmbeddedKafkaCluster();
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            await producer.ProduceAsync("never-created", new Message<string, string> { Key = "k", Value = "v" }, cancellationToken);
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var topic = admin.GetMetadata("never-created", TimeSpan.FromSeconds(10)).Topics.Single();
        Assert.That(topic.Partitions, Has.Count.EqualTo(4));
    }

    [Test]
    public void Disposing_twice_is_harmless_and_a_disposed_cluster_refuses_topics()
    {
        var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { ListenPort = 0 });
        cluster.Dispose();
        cluster.Dispose();

        Assert.That(() => cluster.CreateTopic(Topic, 1), Throws.InstanceOf<ObjectDisposedException>());
    }

    private static async Task<List<DeliveryResult<string, string>>> ProduceAsync(
        EmbeddedKafkaCluster cluster, string batch, int count, CancellationToken cancellationToken)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 1,
        };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        var sends = Enumerable.Range(0, count).Select(sequence => producer.ProduceAsync(
            Topic,
            new Message<string, string>
            {
                Key = $"order-{sequence % 12}",
                Value = $"{batch}-{sequence}",
                Headers = new Headers
                {
                    { "batch", Encoding.UTF8.GetBytes(batch) },
                    { "sequence", Encoding.UTF8.GetBytes(sequence.ToString(CultureInfo.InvariantCulture)) },
                },
            },
            cancellationToken));
        var results = await Task.WhenAll(sends);
        Assert.That(results.Select(result => result.Status), Is.All.EqualTo(PersistenceStatus.Persisted));
        return [.. results];
    }

    private static IConsumer<string, string> BuildConsumer(EmbeddedKafkaCluster cluster, string groupId) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // The mock waits session.timeout.ms - 1 s after a member leaves before it rebalances; the 45 s default
            // would stall the second member that long.
            SessionTimeoutMs = 3000,
            HeartbeatIntervalMs = 500,
        }).Build();

    /// <summary>Consumes until <paramref name="count"/> records arrived; fails if the deadline passes first.</summary>
    private static List<ConsumeResult<string, string>> ConsumeUntil(
        IConsumer<string, string> consumer, int count, CancellationToken cancellationToken)
    {
        var records = new List<ConsumeResult<string, string>>();
        var deadline = Stopwatch.StartNew();
        while (records.Count < count && deadline.Elapsed < ConsumeDeadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } record)
            {
                records.Add(record);
            }
        }

        Assert.That(records, Has.Count.EqualTo(count), $"records consumed within {ConsumeDeadline.TotalSeconds} s");
        return records;
    }

    private static string HeaderText(Message<string, string> message, string name) =>
        Encoding.UTF8.GetString(message.Headers.GetLastBytes(name));
}
