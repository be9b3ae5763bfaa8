using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

/// <summary>The kit's Kafka, whichever was chosen (container or embedded): the platform's topics are there, and more can be added.</summary>
public sealed class TestKafkaTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task It_starts_with_every_platform_topic_and_creates_topics_with_the_partitions_asked_for(CancellationToken cancellationToken)
    {
        await using var kafka = await TestKafka.StartAsync(partitions: 2, cancellationToken);
        await kafka.CreateTopicAsync("kit-probe", partitions: 3, cancellationToken);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var topics = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);

        using (Assert.EnterMultipleScope())
        {
            foreach (var topic in Topics.All)
            {
                Assert.That(topics.GetValueOrDefault(topic), Is.EqualTo(2), topic);
            }

            Assert.That(topics.GetValueOrDefault("kit-probe"), Is.EqualTo(3));
        }
    }
}
