using System.Net;
using System.Net.Http.Json;
using Fulfillment.Messages;
using Fulfillment.PaymentService.Payments;
using Fulfillment.PaymentService.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;
using static Fulfillment.PaymentService.Tests.Support.Envelopes;

namespace Fulfillment.PaymentService.Tests.Service;

/// <summary>
/// The whole service as it runs: Program and appsettings.json (default gateway rules), migrations at start-up, the
/// Kafka consumer group on raw.inventory-events, the outbox relay, HTTP.
/// </summary>
[TestFixture]
public sealed class PaymentServiceHostTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private ServiceUnderTest<Program> _service = null!;

    [SetUp]
    public async Task StartAsync() => _service = await ServiceHost.StartAsync<Program>("payment_host");

    [TearDown]
    public async Task StopAsync() => await _service.DisposeAsync();

    [Test]
    public async Task Reservations_from_kafka_are_authorized_or_declined_once_each()
    {
        var good = InventoryReserved("host-ok", 120.00m);
        var blocked = InventoryReserved("host-blocked", 5.00m, customerId: "blocked-7");
        var tooMuch = InventoryReserved("host-big", 10_000.01m, currency: "USD");

        // On host-ok's key, after its reservation: an event payment does not consume, then the same reservation re-sent
        // under a new eventId. Same key, same partition: once the re-sent one is in the inbox, both were handled.
        var notForPayment = TestEnvelopes.For("host-ok", new InventoryRejected("insufficient stock", [new StockShortage("SKU-LOW", 5, 3)]), Producer);
        var resent = InventoryReserved("host-ok", 120.00m);
        foreach (var envelope in new IEventEnvelope[] { good, blocked, tooMuch, notForPayment, resent })
        {
            await KafkaTopic.ProduceAsync(_service.BootstrapServers, Topics.InventoryEvents, envelope);
        }

        await Eventually.ReturnsAsync(
            () => Database.CountAsync(_service.ConnectionString, "SELECT count(*) FROM inbox_messages WHERE event_id = @id", resent.EventId),
            count => count == 1,
            Patience,
            "the re-sent reservation handled");
        await Eventually.ReturnsAsync(
            () => Database.CountAsync(_service.ConnectionString, "SELECT count(*) FROM outbox_messages"),
            count => count == 0,
            Patience,
            "the outbox drained to Kafka");
        var events = await KafkaTopic.ReadUntilAsync(
            _service.BootstrapServers, Topics.PaymentEvents, records => records.Count >= 3, Patience);
        var byOrder = events.ToLookup(e => e.Key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(events, Has.Count.EqualTo(3));
            Assert.That(byOrder["host-ok"].Select(e => e.Envelope.EventType), Is.EqualTo(new[] { EventTypes.PaymentAuthorized }));
            Assert.That(byOrder["host-blocked"].Select(e => e.Envelope.EventType), Is.EqualTo(new[] { EventTypes.PaymentFailed }));
            Assert.That(byOrder["host-big"].Select(e => e.Envelope.EventType), Is.EqualTo(new[] { EventTypes.PaymentFailed }));
            Assert.That(byOrder["host-ok"].Single().Envelope.CausationId, Is.EqualTo(good.EventId.ToString()));
            Assert.That(byOrder["host-ok"].Single().Envelope.CorrelationId, Is.EqualTo(good.CorrelationId));
            Assert.That(byOrder["host-ok"].Single().Envelope.Producer, Is.EqualTo("payment-service"));
            Assert.That(
                await Database.CountAsync(_service.ConnectionString, "SELECT count(*) FROM payments WHERE order_id = 'host-ok'"),
                Is.EqualTo(1));
        }

        var payment = await _service.Http.GetFromJsonAsync<PaymentResponse>("/api/payments/host-ok");
        var authorized = (PaymentAuthorized)byOrder["host-ok"].Single().Envelope.Payload;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(payment!.PaymentId, Is.EqualTo(authorized.PaymentId));
            Assert.That((payment.Status, payment.Amount, payment.AuthCode), Is.EqualTo(("authorized", 120.00m, authorized.AuthCode)));
            Assert.That(authorized.DeliveryAddress, Is.EqualTo(Address));
        }
    }

    /// <summary>
    /// Decision 0019 through Kafka: a refund after the verdict, a decline for an order cancelled first, duplicates on
    /// every topic; then the inbox wiped and every record delivered again, which must repeat nothing.
    /// </summary>
    [Test]
    public async Task Cancellations_and_verdicts_from_kafka_refund_or_decline_once_even_after_an_inbox_wipe()
    {
        var refundReserved = InventoryReserved("host-refund", 40.00m);
        var early = OrderCancelled("host-early");
        var earlyReserved = InventoryReserved("host-early", 15.00m);
        var failedReserved = InventoryReserved("host-failed", 25.00m);
        IEventEnvelope[] first = [refundReserved, early, failedReserved];
        IEventEnvelope[] then =
        [
            OrderCancelled("host-refund"), DeliveryCancelled("host-refund"), DeliveryCancelled("host-refund"),
            earlyReserved, DeliveryCancelled("host-early"),
            DeliveryFailed("host-failed"), DeliveryFailed("host-failed"),
        ];

        // Reservations and the early cancellation first, so that what each order meets next is known.
        await ProduceAndWaitAsync(first);
        await ProduceAndWaitAsync(then);
        var events = await PaymentEventsAsync(expected: 5);

        var byOrder = events.ToLookup(e => e.Key, e => e.Envelope);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events, Has.Count.EqualTo(5));
            Assert.That(byOrder["host-refund"].Select(e => e.EventType), Is.EqualTo(new[] { EventTypes.PaymentAuthorized, EventTypes.PaymentRefunded }));
            Assert.That(byOrder["host-early"].Select(e => e.EventType), Is.EqualTo(new[] { EventTypes.PaymentFailed }));
            Assert.That(((PaymentFailed)byOrder["host-early"].Single().Payload).Reason, Is.EqualTo("order cancelled"));
            Assert.That(byOrder["host-failed"].Select(e => e.EventType), Is.EqualTo(new[] { EventTypes.PaymentAuthorized, EventTypes.PaymentRefunded }));
            Assert.That(((PaymentRefunded)byOrder["host-failed"].Last().Payload).Reason, Is.EqualTo("delivery failed"));
        }

        var refunded = (PaymentRefunded)byOrder["host-refund"].Last().Payload;
        var shown = await _service.Http.GetFromJsonAsync<PaymentResponse>("/api/payments/host-refund");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refunded, Is.EqualTo(new PaymentRefunded(refunded.RefundId, shown!.PaymentId, 40.00m, "EUR", "order cancelled")));
            Assert.That((shown.Status, shown.RefundId, shown.RefundReason), Is.EqualTo(("refunded", refunded.RefundId, "order cancelled")));
        }

        await Sql.ScalarAsync(_service.ConnectionString, "DELETE FROM inbox_messages");
        await ProduceAndWaitAsync([.. first, .. then]);
        var afterReplay = await PaymentEventsAsync(expected: 6);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterReplay, Has.Count.EqualTo(5), "the replay emitted something");
            Assert.That(
                await Database.CountAsync(_service.ConnectionString, "SELECT count(*) FROM payments WHERE status = 'refunded'"),
                Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Unknown_order_is_a_problem_404()
    {
        using var response = await _service.Http.GetAsync(new Uri("/api/payments/no-such-order", UriKind.Relative));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }
    }

    private Task ProduceAndWaitAsync(IReadOnlyList<IEventEnvelope> envelopes) =>
        HandledRecords.ProduceAndWaitAsync(_service, envelopes, Patience);

    /// <summary>Everything published is on Kafka once the outbox is empty: a bounded read sees more than expected if there is more.</summary>
    private Task<List<(string Key, IEventEnvelope Envelope)>> PaymentEventsAsync(int expected) =>
        KafkaTopic.ReadUntilAsync(_service.BootstrapServers, Topics.PaymentEvents, records => records.Count >= expected, TimeSpan.FromSeconds(5));
}
