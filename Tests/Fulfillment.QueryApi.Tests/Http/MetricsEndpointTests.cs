using System.Net;
using Fulfillment.Messages;
using Fulfillment.Testing;

namespace Fulfillment.QueryApi.Tests.Http;

/// <summary>
/// <c>GET /metrics</c> on the real host: Prometheus text with ASP.NET Core's, the runtime's, Npgsql's and the
/// platform's own series, and the counters moved by what the host did (a request, two consumed events).
/// </summary>
public sealed class MetricsEndpointTests
{
    [Test]
    public async Task Metrics_show_requests_runtime_database_consumption_lag_and_saga_states()
    {
        await using var kafka = await TestKafka.StartAsync();
        await using var service = new QueryApiFactory(await QueryDatabase.CreateAsync(), kafka.BootstrapServers, "key")
            .WithWebHostBuilder(host => host.UseSetting("Sagas:MetricsInterval", "00:00:00.200"));
        using var client = service.CreateClient();
        var events = Events.ForNewOrder();
        using (var unknown = await client.GetAsync($"/api/sagas/{Guid.NewGuid()}"))
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        await KafkaTopic.ProduceAsync(kafka.BootstrapServers, events.Created(0));
        await KafkaTopic.ProduceAsync(kafka.BootstrapServers, events.Reserved(1));
        (string, string) sagaGroup = ("consumer_group", QueryApiService.SagaConsumerGroup);

        var metrics = await Eventually.ReturnsAsync(
            async () => PrometheusText.Parse(await client.GetStringAsync("/metrics")),
            m => m.Sum("fulfillment_consumer_records_handled_total", sagaGroup) >= 2
                && m.Sum("fulfillment_sagas", ("state", "INVENTORY_RESERVED")) >= 1
                && m.Series("fulfillment_consumer_lag", sagaGroup, ("topic", Topics.InventoryEvents)).Any(),
            what: "both events handled by the saga group, counted and its lag reported",
            timeout: TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(metrics.Sum("http_server_request_duration_seconds_count", ("http_route", "/api/sagas/{orderId}")), Is.GreaterThanOrEqualTo(1), "ASP.NET Core");
            Assert.That(metrics.Sum("dotnet_gc_heap_total_allocated_bytes_total"), Is.GreaterThan(0), "runtime");
            Assert.That(metrics.Sum("db_client_operation_duration_seconds_count"), Is.GreaterThan(0), "Npgsql");
            Assert.That(metrics.Sum("fulfillment_consumer_records_handled_total", sagaGroup), Is.EqualTo(2));
            Assert.That(metrics.Sum("fulfillment_consumer_event_age_seconds_count", sagaGroup, ("event_type", EventTypes.OrderCreated)), Is.EqualTo(1));
            Assert.That(metrics.Sum("fulfillment_consumer_event_age_seconds_count", sagaGroup, ("event_type", EventTypes.InventoryReserved)), Is.EqualTo(1));
            Assert.That(
                metrics.Series("fulfillment_consumer_lag", sagaGroup).Select(s => s.Labels.GetValueOrDefault("partition")),
                Is.Not.Empty.And.All.Not.Null,
                "lag is reported per partition");
            Assert.That(metrics.Sum("fulfillment_sagas", ("state", "INVENTORY_RESERVED")), Is.EqualTo(1));
            Assert.That(metrics.Series("fulfillment_sagas_stalled", ("state", "INVENTORY_RESERVED")).Select(s => s.Value), Is.EqualTo(new[] { 0.0 }));
            Assert.That(metrics.Has("fulfillment_outbox_backlog"), "outbox backlog");
            Assert.That(metrics.Has("fulfillment_outbox_oldest_age_seconds"), "outbox age");
        });
    }
}
