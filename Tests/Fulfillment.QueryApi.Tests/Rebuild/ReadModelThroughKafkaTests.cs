using System.Net;
using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.QueryApi.Tests.Rebuild;

/// <summary>
/// The whole read side through Kafka: events produced out of order across the four topics converge through the
/// read-model consumer group, and raising <c>ReadModel:Generation</c> rebuilds the read model from the topics.
/// </summary>
[NonParallelizable]
public sealed class ReadModelThroughKafkaTests
{
    private ITestKafka _kafka = null!;
    private string _database = null!;
    private ReadModelDatabase _sql = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _kafka = await TestKafka.StartAsync(partitions: 3);
        _database = await QueryDatabase.CreateAsync();
        _sql = new ReadModelDatabase(_database);
    }

    [TearDown]
    public async Task StopAsync() => await _kafka.DisposeAsync();

    [Test]
    public async Task Events_out_of_order_across_the_topics_converge_and_a_redelivery_is_handled_once()
    {
        var events = Events.ForNewOrder();
        var created = events.Created(0);
        await using var service = new QueryApiFactory(_database, _kafka.BootstrapServers, "key");
        using var client = service.CreateClient();

        IEventEnvelope[] arrival =
        [
            events.Completed(20), events.Eta(2, 24, minutes: 5), events.Assigned(3), events.Authorized(2), created,
            events.Reserved(1), events.Eta(1, 27, minutes: 4), created,
        ];
        foreach (var envelope in arrival)
        {
            await KafkaTopic.ProduceAsync(_kafka.BootstrapServers, envelope);
        }

        var order = await WaitForOrderAsync(client, events.OrderId, o => o.GetProperty("timeline").GetArrayLength() == 7);
        Assert.Multiple(async () =>
        {
            Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("DELIVERED"));
            Assert.That(order.GetProperty("eta").GetDateTimeOffset(), Is.EqualTo(Events.T0.AddMinutes(24)));
            Assert.That(order.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
            Assert.That(await _sql.InboxRowsAsync("query-api"), Is.EqualTo(7), "one inbox row per distinct event");
        });
    }

    [Test]
    public async Task Raising_the_generation_rebuilds_the_read_model_from_the_start_of_the_topics()
    {
        var events = Events.ForNewOrder();
        foreach (var envelope in new IEventEnvelope[] { events.Created(0), events.Reserved(1), events.Authorized(2) })
        {
            await KafkaTopic.ProduceAsync(_kafka.BootstrapServers, envelope);
        }

        await using (var first = new QueryApiFactory(_database, _kafka.BootstrapServers, "key"))
        {
            using var client = first.CreateClient();
            await WaitForOrderAsync(client, events.OrderId, o => o.GetProperty("status").GetString() == "PAYMENT_AUTHORIZED");
        }

        var stray = Guid.NewGuid().ToString();
        await _sql.InsertStrayOrderAsync(stray);

        await using var rebuilt = new QueryApiFactory(_database, _kafka.BootstrapServers, "key", generation: 1);
        using var rebuiltClient = rebuilt.CreateClient();
        var order = await WaitForOrderAsync(rebuiltClient, events.OrderId, o => o.GetProperty("timeline").GetArrayLength() == 3);

        using var strayResponse = await rebuiltClient.GetAsync($"/api/orders/{stray}");
        Assert.Multiple(async () =>
        {
            Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("PAYMENT_AUTHORIZED"));
            Assert.That(strayResponse.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the tables were emptied before the replay");
            Assert.That(await _sql.GenerationAsync(), Is.EqualTo(1));
            Assert.That(await _sql.InboxRowsAsync("query-api-g1"), Is.EqualTo(3), "the new group handled every event again");
            Assert.That(await _sql.InboxRowsAsync("query-api"), Is.Zero, "the old group's inbox is forgotten");
        });
    }

    private static Task<JsonElement> WaitForOrderAsync(HttpClient client, string orderId, Func<JsonElement, bool> done) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await client.GetAsync($"/api/orders/{orderId}");
                return response.StatusCode == HttpStatusCode.OK
                    ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone()
                    : default;
            },
            order => order.ValueKind == JsonValueKind.Object && done(order),
            what: $"order {orderId} in the read model",
            timeout: TimeSpan.FromSeconds(60));
}
