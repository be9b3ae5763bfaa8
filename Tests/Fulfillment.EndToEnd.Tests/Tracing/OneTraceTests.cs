using System.Text.Json;
using Fulfillment.EndToEnd.Tests.Api;
using Fulfillment.Messages;
using Fulfillment.Testing;
using Fulfillment.Testing.Processes;

namespace Fulfillment.EndToEnd.Tests.Tracing;

/// <summary>
/// One order, one trace: the W3C trace context of the client's POST travels in the <c>traceparent</c> header of every
/// record the order causes, through all four services, as kcat (an independent client) reads them off the topics.
/// </summary>
[TestFixture]
public sealed class OneTraceTests : EndToEndTest
{
    [Test]
    public async Task The_POST_and_every_consumer_hop_share_the_clients_trace()
    {
        var traceId = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = PlatformApi.JsonBody(OrderBodies.Order(OrderBodies.UniqueCustomer("traced"), "SKU-001", quantity: 1, unitPrice: 5m)),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        using var response = await Platform.Current.Client(ServiceSpec.OrderService).SendAsync(request);
        var orderId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("orderId").GetString()!;
        await Api.WaitForOrderAsync(orderId, o => OrderStatuses.IsWithDriver(o.Status), "with a driver");

        var records = new List<KcatRecord>();
        foreach (var topic in Topics.Raw)
        {
            var all = await Kcat.ConsumeAsync(Platform.Current.KafkaBootstrapServers, topic, 100_000, TimeSpan.FromSeconds(30));
            records.AddRange(all.Where(r => r.Key == orderId));
        }

        var eventTypes = records.Select(r => r.Header("eventType")).ToList();
        Assert.That(eventTypes, Is.SupersetOf(new[]
        {
            EventTypes.OrderCreated, EventTypes.InventoryReserved, EventTypes.PaymentAuthorized, EventTypes.DeliveryAssigned,
        }));
        Assert.That(
            records.Select(r => r.Header("traceparent")?.Split('-')[1]),
            Is.All.EqualTo(traceId),
            string.Join(Environment.NewLine, records.Select(r => $"{r.Header("eventType")}: {r.Header("traceparent")}")));
    }
}
