using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Fulfillment.DeliveryService.Tests.Support;
using Fulfillment.Messages;
using Fulfillment.Testing;
using NUnit.Framework;

namespace Fulfillment.DeliveryService.Tests.Service;

/// <summary>
/// End to end through the real plumbing: payment.authorized produced to raw.payment-events, the service's consumer
/// group, ticker and outbox relay, and the delivery events read back from raw.delivery-events with kcat.
/// </summary>
[TestFixture]
public sealed class DeliveryServiceTests
{
    /// <summary>
    /// The real-time ticker sped up (EtaInterval 200 ms, TimeScale 100) so a short delivery completes within a second
    /// or two. Drivers come from the service's appsettings.json (driver-01 waits at 48.8566, 2.3522); the service area
    /// is 50 km around Paris.
    /// </summary>
    private static readonly Dictionary<string, string?> SpedUp = new()
    {
        ["Delivery:EtaInterval"] = "00:00:00.200",
        ["Delivery:TimeScale"] = "100",
        ["Delivery:ServiceArea:Latitude"] = "48.8566",
        ["Delivery:ServiceArea:Longitude"] = "2.3522",
        ["Delivery:ServiceArea:RadiusKm"] = "50",
    };

    private ServiceFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("delivery_service");
        _factory = new ServiceFactory<Program>(connectionString, TestKafka.Shared.BootstrapServers, SpedUp);
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Test]
    public async Task An_authorized_payment_becomes_an_assignment_eta_updates_and_a_completion_on_raw_delivery_events()
    {
        var orderId = $"order-{Guid.NewGuid():N}";
        var payment = Envelopes.PaymentAuthorized(orderId, new GeoPoint(48.8600, 2.3550), correlationId: "corr-e2e");
        await ProduceAsync(payment);

        var records = await Eventually.ReturnsAsync(
            async () => (await Kcat.ConsumeAsync(TestKafka.Shared.BootstrapServers, Topics.DeliveryEvents, 10_000, TimeSpan.FromSeconds(20)))
                .Where(r => r.Key == orderId)
                .OrderBy(r => r.Offset)
                .ToList(),
            found => found.Any(r => r.Header("eventType") == EventTypes.DeliveryCompleted),
            what: $"delivery.completed for {orderId}");

        var envelopes = records.Select(r => EnvelopeSerializer.Deserialize(Encoding.UTF8.GetBytes(r.Payload!)).Envelope!).ToList();
        Assert.That(envelopes[0], Is.InstanceOf<EventEnvelope<DeliveryAssigned>>());
        Assert.That(envelopes[^1], Is.InstanceOf<EventEnvelope<DeliveryCompleted>>());
        var updates = envelopes.OfType<EventEnvelope<EtaUpdated>>().Select(e => e.Payload).ToList();
        Assert.That(updates, Is.Not.Empty);
        Assert.That(updates.Select(u => u.Sequence), Is.EqualTo(Enumerable.Range(1, updates.Count)));
        Assert.That(updates.Select(u => u.RemainingKm), Is.Ordered.Descending);
        Assert.That(updates[^1].RemainingKm, Is.Zero);
        Assert.That(envelopes.Select(e => e.CorrelationId), Is.All.EqualTo("corr-e2e"));
        Assert.That(envelopes.Select(e => e.CausationId), Is.All.EqualTo(payment.EventId.ToString()));
        Assert.That(((EventEnvelope<DeliveryAssigned>)envelopes[0]).Payload.DriverId, Is.EqualTo("driver-01"));

        using var response = await _client.GetAsync($"/api/deliveries/{orderId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(view.RootElement.GetProperty("status").GetString(), Is.EqualTo("DELIVERED"));
        Assert.That(view.RootElement.GetProperty("driverId").GetString(), Is.EqualTo("driver-01"));
        var history = view.RootElement.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("sequence").GetInt32());
        Assert.That(history, Is.EqualTo(Enumerable.Range(0, updates.Count + 1)));
    }

    [Test]
    public async Task A_cancellation_from_raw_order_events_is_published_and_shown_as_cancelled()
    {
        var orderId = $"order-{Guid.NewGuid():N}";
        await KafkaTopic.ProduceAsync(TestKafka.Shared.BootstrapServers, Envelopes.OrderCancelled(orderId, "found it cheaper"));

        var view = await VerdictAsync(orderId, EventTypes.DeliveryCancelled);

        Assert.That(view.GetProperty("status").GetString(), Is.EqualTo("CANCELLED"));
        Assert.That(view.GetProperty("reason").GetString(), Is.EqualTo("found it cheaper"));
        Assert.That(view.GetProperty("cancelledAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(view.GetProperty("destination").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(view.GetProperty("driverId").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task An_address_outside_the_service_area_is_published_and_shown_as_failed_with_its_code()
    {
        var orderId = $"order-{Guid.NewGuid():N}";
        await ProduceAsync(Envelopes.PaymentAuthorized(orderId, new GeoPoint(45.7640, 4.8357)));

        var view = await VerdictAsync(orderId, EventTypes.DeliveryFailed);

        Assert.That(view.GetProperty("status").GetString(), Is.EqualTo("FAILED"));
        Assert.That(view.GetProperty("failureCode").GetString(), Is.EqualTo(DeliveryFailureCodes.OutsideServiceArea));
        Assert.That(view.GetProperty("reason").GetString(), Does.Contain("service area"));
        Assert.That(view.GetProperty("failedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
    }

    [Test]
    public async Task An_unknown_delivery_is_a_404_problem()
    {
        using var response = await _client.GetAsync("/api/deliveries/no-such-order");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    /// <summary>Waits for the order's one delivery event, of <paramref name="eventType"/>, then reads the delivery over HTTP.</summary>
    private async Task<JsonElement> VerdictAsync(string orderId, string eventType)
    {
        var records = await Eventually.ReturnsAsync(
            async () => (await Kcat.ConsumeAsync(TestKafka.Shared.BootstrapServers, Topics.DeliveryEvents, 10_000, TimeSpan.FromSeconds(20)))
                .Where(r => r.Key == orderId)
                .ToList(),
            found => found.Count > 0,
            what: $"{eventType} for {orderId}");
        Assert.That(records.Select(r => r.Header("eventType")), Is.EqualTo(new[] { eventType }));

        using var response = await _client.GetAsync($"/api/deliveries/{orderId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return view.RootElement.Clone();
    }

    private static async Task ProduceAsync(EventEnvelope<PaymentAuthorized> envelope)
    {
        using var producer = new ProducerBuilder<string, byte[]>(
            new ProducerConfig { BootstrapServers = TestKafka.Shared.BootstrapServers }).Build();
        await producer.ProduceAsync(
            Topics.PaymentEvents,
            new Message<string, byte[]> { Key = envelope.OrderId, Value = EnvelopeSerializer.Serialize(envelope) });
    }
}
