using System.Net;
using System.Text.Json;
using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.QueryApi.Tests.Http;

/// <summary>
/// <c>GET /api/sagas/{orderId}</c> on the real host, whose query-api-saga group runs the order saga next to the
/// read model's group on the same topics.
/// </summary>
public sealed class SagaEndpointTests : QueryApiHostTest
{
    [Test]
    public async Task An_unknown_saga_is_a_404_problem()
    {
        using var response = await Client.GetAsync($"/api/sagas/{Guid.NewGuid()}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task The_saga_of_an_order_shows_its_state_version_and_history_and_the_read_model_agrees()
    {
        var events = Events.ForNewOrder();
        foreach (var envelope in new IEventEnvelope[] { events.Authorized(2), events.Created(0), events.Reserved(1) })
        {
            await KafkaTopic.ProduceAsync(BootstrapServers, envelope);
        }

        var saga = await WaitForAsync($"/api/sagas/{events.OrderId}", s => s.GetProperty("history").GetArrayLength() == 3);
        var order = await WaitForAsync($"/api/orders/{events.OrderId}", o => o.GetProperty("timeline").GetArrayLength() == 3);

        Assert.Multiple(() =>
        {
            Assert.That(saga.GetProperty("orderId").GetString(), Is.EqualTo(events.OrderId));
            Assert.That(saga.GetProperty("state").GetString(), Is.EqualTo("PAYMENT_AUTHORIZED"));
            Assert.That(saga.GetProperty("version").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(saga.GetProperty("stalled").GetBoolean(), Is.False);
            Assert.That(saga.TryGetProperty("createdAt", out _), Is.True);
            Assert.That(order.GetProperty("status").GetString(), Is.EqualTo(saga.GetProperty("state").GetString()));
        });
    }

    private Task<JsonElement> WaitForAsync(string path, Func<JsonElement, bool> done) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await Client.GetAsync(path);
                return response.StatusCode == HttpStatusCode.OK
                    ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone()
                    : default;
            },
            body => body.ValueKind == JsonValueKind.Object && done(body),
            what: $"GET {path}",
            timeout: TimeSpan.FromSeconds(60));
}
