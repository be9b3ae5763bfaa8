using System.Globalization;
using System.Net.Http.Json;
using Fulfillment.Messages;
using Fulfillment.PaymentService.Gateway;
using Fulfillment.PaymentService.Payments;
using Fulfillment.PaymentService.Tests.Support;
using Fulfillment.Testing;
using NUnit.Framework;
using static Fulfillment.PaymentService.Tests.Support.Envelopes;

namespace Fulfillment.PaymentService.Tests.Payments;

[TestFixture]
public sealed class TransientFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Unreachable_gateway_surfaces_as_an_exception_and_leaves_nothing_behind()
    {
        await using var payment = await PaymentHarness.StartAsync(new Dictionary<string, string?> { ["TransientFailureRate"] = "1" });

        var consumed = await payment.ConsumeAsync(InventoryReserved("order-1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(consumed.Exception, Is.InstanceOf<GatewayUnavailableException>());
            Assert.That(await payment.PaymentsAsync("order-1"), Is.Empty);
            Assert.That(payment.Published<PaymentAuthorized>(), Is.Empty);
            Assert.That(payment.Published<PaymentFailed>(), Is.Empty);
        }
    }

    /// <summary>
    /// Through the real service, so the retry is the chassis' own (the consumer host's bounded record retry): the
    /// gateway failure rolls the attempt back, the next attempt draws again, and the charge happens once.
    /// </summary>
    [Test]
    public async Task Retried_record_is_charged_once_when_the_gateway_answers()
    {
        // The seeded draw sequence starts with failures (checked here, so the test shows the retry path taken), and
        // succeeds within the retry limit (else the record would be dead-lettered instead).
        const int seed = 7;
        const double rate = 0.6;
        const int retryLimit = 10;
        var draws = new Random(seed);
        var failuresFirst = 0;
        while (draws.NextDouble() < rate)
        {
            failuresFirst++;
        }

        Assert.That(failuresFirst, Is.InRange(1, retryLimit), "the first call should fail with this seed, and a retry succeed");

        await using var kafka = await TestKafka.StartAsync();
        var connectionString = await TestPostgres.CreateDatabaseAsync("payment_retry");
        await using var service = new ServiceFactory<Program>(connectionString, kafka.BootstrapServers, new Dictionary<string, string?>
        {
            ["Payment:Gateway:TransientFailureRate"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Payment:Gateway:Seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["Retry:Limit"] = retryLimit.ToString(CultureInfo.InvariantCulture),
            ["Retry:MinInterval"] = "00:00:00.010",
            ["Retry:MaxInterval"] = "00:00:00.050",
            ["Retry:IntervalDelta"] = "00:00:00.010",
        });
        using var http = service.CreateClient();
        var reserved = InventoryReserved("order-1");

        await KafkaTopic.ProduceAsync(kafka.BootstrapServers, Topics.InventoryEvents, reserved);
        await HandledAndDrainedAsync(connectionString, reserved);

        // Everything the service published is on Kafka by now: a bounded read sees a second event if there was one.
        var events = await KafkaTopic.ReadUntilAsync(kafka.BootstrapServers, Topics.PaymentEvents, records => records.Count > 1, TimeSpan.FromSeconds(5));
        var payment = await http.GetFromJsonAsync<PaymentResponse>("/api/payments/order-1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await Database.CountAsync(connectionString, "SELECT count(*) FROM payments WHERE order_id = 'order-1'"), Is.EqualTo(1));
            Assert.That(payment!.Status, Is.EqualTo("authorized"));
            Assert.That(events.Select(e => e.Envelope.EventType), Is.EqualTo(new[] { EventTypes.PaymentAuthorized }));
        }
    }

    /// <summary>
    /// A refund is owed whatever the gateway does: its outage is waited out, never dead-lettered. With no bounded
    /// retry at all (<c>Retry:Limit=0</c>), a refund failure classified as an ordinary transient one would send the
    /// verdict to the dead-letter topic at once and the customer would never get the money back.
    /// </summary>
    [Test]
    public async Task Gateway_outage_during_a_refund_is_waited_out_and_the_refund_made_once()
    {
        // A seed whose first draw answers (the authorization) and whose next ones fail (the refund) before one answers.
        const double rate = 0.5;
        var seed = Enumerable.Range(1, 1_000).First(candidate =>
        {
            var draws = new Random(candidate);
            return draws.NextDouble() >= rate && draws.NextDouble() < rate && draws.NextDouble() < rate;
        });

        await using var kafka = await TestKafka.StartAsync();
        var connectionString = await TestPostgres.CreateDatabaseAsync("payment_refund_retry");
        await using var service = new ServiceFactory<Program>(connectionString, kafka.BootstrapServers, new Dictionary<string, string?>
        {
            ["Payment:Gateway:TransientFailureRate"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Payment:Gateway:Seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["Retry:Limit"] = "0",
            ["Retry:InfrastructureRetryInterval"] = "00:00:00.050",
        });
        using var http = service.CreateClient();
        var reserved = InventoryReserved("order-1");
        var verdict = DeliveryCancelled("order-1");

        await KafkaTopic.ProduceAsync(kafka.BootstrapServers, reserved);
        await Eventually.ReturnsAsync(
            () => Database.CountAsync(connectionString, "SELECT count(*) FROM payments WHERE status = 'authorized'"), count => count == 1, Patience, "the payment authorized");
        await KafkaTopic.ProduceAsync(kafka.BootstrapServers, verdict);
        await HandledAndDrainedAsync(connectionString, verdict);

        var events = await KafkaTopic.ReadUntilAsync(kafka.BootstrapServers, Topics.PaymentEvents, records => records.Count > 2, TimeSpan.FromSeconds(5));
        var deadLetters = await KafkaTopic.ReadUntilAsync(kafka.BootstrapServers, Topics.DeliveryDeadLetters, records => records.Count > 0, TimeSpan.FromSeconds(2));
        var payment = await http.GetFromJsonAsync<PaymentResponse>("/api/payments/order-1");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events.Select(e => e.Envelope.EventType), Is.EqualTo(new[] { EventTypes.PaymentAuthorized, EventTypes.PaymentRefunded }));
            Assert.That(deadLetters, Is.Empty);
            Assert.That((payment!.Status, payment.RefundId), Is.EqualTo(("refunded", ((PaymentRefunded)events[1].Envelope.Payload).RefundId)));
        }
    }

    /// <summary>Waits until the record is in the inbox (its transaction committed) and the outbox is empty (its events are on Kafka).</summary>
    private static async Task HandledAndDrainedAsync(string connectionString, IEventEnvelope envelope)
    {
        await Eventually.ReturnsAsync(
            () => Database.CountAsync(connectionString, "SELECT count(*) FROM inbox_messages WHERE event_id = @id", envelope.EventId),
            count => count == 1,
            Patience,
            $"{envelope.EventType} handled");
        await Eventually.ReturnsAsync(
            () => Database.CountAsync(connectionString, "SELECT count(*) FROM outbox_messages"), count => count == 0, Patience, "the outbox drained");
    }
}
