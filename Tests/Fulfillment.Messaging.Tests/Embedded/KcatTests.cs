using System.Text;
using Confluent.Kafka;
using Fulfillment.EmbeddedKafka.Broker;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Embedded;

[TestFixture]
public sealed class KcatTests
{
    private const string Topic = "raw.kcat-test";

    [Test]
    [CancelAfter(30_000)]
    public async Task Kcat_reads_the_key_headers_and_value_of_a_produced_record(CancellationToken cancellationToken)
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Topics = [Topic] });
        const string value = """{"orderId":"order-42","total":12.5}""";
        DeliveryResult<string, string> delivered;
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
        }).Build())
        {
            delivered = await producer.ProduceAsync(
                Topic,
                new Message<string, string>
                {
                    Key = "order-42",
                    Value = value,
                    Headers = new Headers
                    {
                        { "event-type", Encoding.UTF8.GetBytes("OrderCreated") },
                        { "trace-id", Encoding.UTF8.GetBytes("4bf92f3577b34da6a3ce929d0e0e4736") },
                    },
                },
                cancellationToken);
        }

        var records = await Kcat.ConsumeAsync(cluster.BootstrapServers, Topic, 1, TimeSpan.FromSeconds(15), cancellationToken);

        Assert.That(records, Has.Count.EqualTo(1));
        var record = records[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(record.Topic, Is.EqualTo(Topic));
            Assert.That(record.Partition, Is.EqualTo(delivered.Partition.Value));
            Assert.That(record.Offset, Is.EqualTo(delivered.Offset.Value));
            Assert.That(record.Key, Is.EqualTo("order-42"));
            Assert.That(record.Payload, Is.EqualTo(value));
            Assert.That(record.Headers.Select(header => header.Key), Is.EqualTo(new[] { "event-type", "trace-id" }));
            Assert.That(record.Header("event-type"), Is.EqualTo("OrderCreated"));
            Assert.That(record.Header("trace-id"), Is.EqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
            Assert.That(record.Timestamp, Is.Not.Null);
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Kcat_returns_nothing_for_an_empty_topic(CancellationToken cancellationToken)
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { Topics = [Topic] });

        var records = await Kcat.ConsumeAsync(cluster.BootstrapServers, Topic, 5, TimeSpan.FromSeconds(15), cancellationToken);

        Assert.That(records, Is.Empty);
    }
}
