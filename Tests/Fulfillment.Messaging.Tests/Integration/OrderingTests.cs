using Confluent.Kafka;
using Fulfillment.Messages;
using Fulfillment.Messaging.Tests.Support;
using NUnit.Framework;

namespace Fulfillment.Messaging.Tests.Integration;

public sealed class OrderingTests : ChassisTestBase
{
    private const int Keys = 100;
    private const int EventsPerKey = 10;

    [TestCase(1)]
    [TestCase(2)]
    public async Task A_thousand_events_over_a_hundred_keys_keep_per_key_order_through_consumer_and_relay(int instances)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:Consumer:MaxConcurrency"] = "8",
            ["Kafka:Consumer:MaxBatchSize"] = "32",
            ["Outbox:BatchSize"] = "64",
        };

        // Several instances share the consumer group's partitions and the outbox table.
        var services = new List<SampleService>();
        for (var i = 0; i < instances; i++)
        {
            services.Add(await StartServiceAsync(settings));
        }

        try
        {
            await ProduceAndVerifyAsync(services[0]);
        }
        finally
        {
            foreach (var instance in services)
            {
                await instance.DisposeAsync();
            }
        }
    }

    private async Task ProduceAndVerifyAsync(SampleService service)
    {

        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        { BootstrapServers = Kafka.BootstrapServers, EnableIdempotence = true, Acks = Acks.All }).Build())
        {
            for (var sequence = 1; sequence <= EventsPerKey; sequence++)
            {
                for (var key = 0; key < Keys; key++)
                {
                    producer.Produce(Topics.OrderEvents, TestEvents.ToMessage(TestEvents.OrderCreated($"order-{key:D3}", sequence)));
                }
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        var handled = await WaitForHandledAsync(service, rows => rows.Count >= Keys * EventsPerKey, "all handled");
        Assert.That(handled, Has.Count.EqualTo(Keys * EventsPerKey));
        Assert.That(handled.Select(r => r.OrderId).Distinct().Count(), Is.EqualTo(Keys));
        foreach (var order in handled.GroupBy(r => r.OrderId))
        {
            Assert.That(order.Select(r => r.Sequence), Is.EqualTo(Enumerable.Range(1, EventsPerKey)), order.Key);
        }

        var relayed = await TopicReader.ReadAsync(Kafka.BootstrapServers, Topics.InventoryEvents, Keys * EventsPerKey, Patience);
        Assert.That(relayed, Has.Count.EqualTo(Keys * EventsPerKey));
        foreach (var order in relayed.GroupBy(r => r.Message.Key))
        {
            var amounts = order.OrderBy(r => r.Offset.Value)
                .Select(r => ((EventEnvelope<InventoryReserved>)EnvelopeSerializer.Deserialize(r.Message.Value).Envelope!).Payload.Amount);
            Assert.That(amounts, Is.EqualTo(Enumerable.Range(1, EventsPerKey).Select(i => (decimal)i)), order.Key);
        }
    }
}
